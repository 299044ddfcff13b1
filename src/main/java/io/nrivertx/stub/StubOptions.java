package io.nrivertx.stub;

import io.nrivertx.api.FailurePolicy;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one plugin {@link Stub}. Copyable and convertible to/from JSON like Vert.x options.
 *
 * <p>Connection: an explicit {@link #setSocketFd socket fd}, else {@code NRI_PLUGIN_SOCKET} from
 * the environment (a plugin the runtime launched gets fd 3), else the {@link #setSocketPath
 * socket path}. Identity: see {@link PluginIdentity#resolve}.
 */
public final class StubOptions {
  public static final String DEFAULT_SOCKET_PATH = "/var/run/nri/nri.sock";
  public static final String SOCKET_ENV = "NRI_PLUGIN_SOCKET";

  private String name;
  private String index;
  private String executableName;
  private String socketPath = DEFAULT_SOCKET_PATH;
  private int socketFd = -1;
  private Duration registrationTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(2);
  private FailurePolicy failurePolicy;
  private boolean reconnect;
  private Duration reconnectInitialDelay = Duration.ofMillis(500);
  private Duration reconnectMaxDelay = Duration.ofSeconds(30);
  private Map<String, String> environment;

  public StubOptions() {
  }

  public StubOptions(StubOptions other) {
    this(other.toJson());
  }

  public StubOptions(JsonObject json) {
    name = json.getString("name");
    index = json.getString("index");
    executableName = json.getString("executableName");
    socketPath = json.getString("socketPath", socketPath);
    socketFd = json.getInteger("socketFd", socketFd);
    registrationTimeout = Duration.ofMillis(json.getLong("registrationTimeoutMs", registrationTimeout.toMillis()));
    requestTimeout = Duration.ofMillis(json.getLong("requestTimeoutMs", requestTimeout.toMillis()));
    JsonObject policy = json.getJsonObject("failurePolicy");
    failurePolicy = policy == null ? null : FailurePolicy.newBuilder()
        .setFailRequest(policy.getBoolean("failRequest", false))
        .setKeepConnected(policy.getBoolean("keepConnected", false)).build();
    reconnect = json.getBoolean("reconnect", reconnect);
    reconnectInitialDelay = Duration.ofMillis(json.getLong("reconnectInitialDelayMs", reconnectInitialDelay.toMillis()));
    reconnectMaxDelay = Duration.ofMillis(json.getLong("reconnectMaxDelayMs", reconnectMaxDelay.toMillis()));
    JsonObject env = json.getJsonObject("environment");
    environment = env == null ? null : env.getMap().entrySet().stream()
        .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("name", name)
        .put("index", index)
        .put("executableName", executableName)
        .put("socketPath", socketPath)
        .put("socketFd", socketFd)
        .put("registrationTimeoutMs", registrationTimeout.toMillis())
        .put("requestTimeoutMs", requestTimeout.toMillis())
        .put("reconnect", reconnect)
        .put("reconnectInitialDelayMs", reconnectInitialDelay.toMillis())
        .put("reconnectMaxDelayMs", reconnectMaxDelay.toMillis());
    if (failurePolicy != null) {
      json.put("failurePolicy", new JsonObject().put("failRequest", failurePolicy.getFailRequest())
          .put("keepConnected", failurePolicy.getKeepConnected()));
    }
    if (environment != null) {
      json.put("environment", new JsonObject(Map.copyOf(environment)));
    }
    return json;
  }

  public String getName() {
    return name;
  }

  /** The plugin name; replaces {@code NRI_PLUGIN_NAME}. */
  public StubOptions setName(String name) {
    this.name = name;
    return this;
  }

  public String getIndex() {
    return index;
  }

  /** The two-digit index; must agree with {@code NRI_PLUGIN_IDX} when that is set. */
  public StubOptions setIndex(String index) {
    this.index = index;
    return this;
  }

  public String getExecutableName() {
    return executableName;
  }

  /**
   * Stands in for Go's {@code argv[0]}: the name the plugin was started as, e.g.
   * {@code /opt/nri/plugins/10-logger}. Only its last path element is used.
   */
  public StubOptions setExecutableName(String executableName) {
    this.executableName = executableName;
    return this;
  }

  public String getSocketPath() {
    return socketPath;
  }

  public StubOptions setSocketPath(String socketPath) {
    this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
    return this;
  }

  public int getSocketFd() {
    return socketFd;
  }

  /** A connected unix stream socket to use instead of dialing; -1 = none. The stub owns it. */
  public StubOptions setSocketFd(int socketFd) {
    this.socketFd = socketFd;
    return this;
  }

  public Duration getRegistrationTimeout() {
    return registrationTimeout;
  }

  /** Deadline of the RegisterPlugin call until Configure provides the runtime's value. */
  public StubOptions setRegistrationTimeout(Duration registrationTimeout) {
    this.registrationTimeout = positive(registrationTimeout, "registrationTimeout");
    return this;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /** Reported by {@link Stub#requestTimeout()} until Configure provides the runtime's value. */
  public StubOptions setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    return this;
  }

  public FailurePolicy getFailurePolicy() {
    return failurePolicy;
  }

  /**
   * Sent in the Configure reply (NRI v0.12.5): fail requests when this plugin fails, and/or stay
   * connected after a timeout. Null = unset, the runtime's default (drop the plugin, go on).
   */
  public StubOptions setFailurePolicy(FailurePolicy failurePolicy) {
    this.failurePolicy = failurePolicy;
    return this;
  }

  public boolean isReconnect() {
    return reconnect;
  }

  /**
   * Keep trying to connect, register and get configured, with exponential backoff, and do so
   * again whenever the connection is lost. Off by default (the stub then stops on connection
   * loss, as Go's does). Has no effect on a pre-connected socket, which cannot be reopened.
   */
  public StubOptions setReconnect(boolean reconnect) {
    this.reconnect = reconnect;
    return this;
  }

  public Duration getReconnectInitialDelay() {
    return reconnectInitialDelay;
  }

  public StubOptions setReconnectInitialDelay(Duration delay) {
    this.reconnectInitialDelay = positive(delay, "reconnectInitialDelay");
    return this;
  }

  public Duration getReconnectMaxDelay() {
    return reconnectMaxDelay;
  }

  public StubOptions setReconnectMaxDelay(Duration delay) {
    this.reconnectMaxDelay = positive(delay, "reconnectMaxDelay");
    return this;
  }

  public Map<String, String> getEnvironment() {
    return environment;
  }

  /**
   * The environment to read NRI_PLUGIN_NAME, NRI_PLUGIN_IDX and NRI_PLUGIN_SOCKET from; null (the
   * default) = the process environment. Tests and in-process plugins pass their own.
   */
  public StubOptions setEnvironment(Map<String, String> environment) {
    this.environment = environment == null ? null : Map.copyOf(environment);
    return this;
  }

  private static Duration positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
