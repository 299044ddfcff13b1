package io.nrivertx;

import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Settings of one nri-vertx instance. Copyable and convertible to/from JSON like Vert.x options, so
 * two instances in one JVM never share state: each gets its own socket and bus prefix.
 */
public final class NriOptions {
  public static final String DEFAULT_SOCKET = "/var/run/nri/nri.sock";
  /** The NRI version whose semantics this runtime implements, sent to plugins in Configure. */
  public static final String NRI_VERSION = "v0.12.2";

  private String socketPath = DEFAULT_SOCKET;
  private boolean disableConnections;
  private Duration registrationTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(2);
  private String runtimeName = "nri-vertx";
  private String runtimeVersion = Version.current();
  private String busPrefix = "nri";
  private DefaultValidatorConfig defaultValidator = DefaultValidatorConfig.disabled();

  public NriOptions() {
  }

  public NriOptions(NriOptions other) {
    this(other.toJson());
  }

  public NriOptions(JsonObject json) {
    socketPath = json.getString("socketPath", socketPath);
    disableConnections = json.getBoolean("disableConnections", disableConnections);
    registrationTimeout = Duration.ofMillis(json.getLong("registrationTimeoutMs", registrationTimeout.toMillis()));
    requestTimeout = Duration.ofMillis(json.getLong("requestTimeoutMs", requestTimeout.toMillis()));
    runtimeName = json.getString("runtimeName", runtimeName);
    runtimeVersion = json.getString("runtimeVersion", runtimeVersion);
    busPrefix = json.getString("busPrefix", busPrefix);
    if (json.containsKey("defaultValidator")) {
      defaultValidator = DefaultValidatorConfig.fromJson(json.getJsonObject("defaultValidator"));
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("socketPath", socketPath)
        .put("disableConnections", disableConnections)
        .put("registrationTimeoutMs", registrationTimeout.toMillis())
        .put("requestTimeoutMs", requestTimeout.toMillis())
        .put("runtimeName", runtimeName)
        .put("runtimeVersion", runtimeVersion)
        .put("busPrefix", busPrefix)
        .put("defaultValidator", defaultValidator.toJson());
  }

  /** The builtin default validator's settings; it runs only when {@code enable} is true. */
  public DefaultValidatorConfig getDefaultValidator() {
    return defaultValidator;
  }

  public NriOptions setDefaultValidator(DefaultValidatorConfig defaultValidator) {
    this.defaultValidator = defaultValidator == null ? DefaultValidatorConfig.disabled() : defaultValidator;
    return this;
  }

  public String getSocketPath() {
    return socketPath;
  }

  public NriOptions setSocketPath(String socketPath) {
    this.socketPath = socketPath;
    return this;
  }

  public boolean isDisableConnections() {
    return disableConnections;
  }

  public NriOptions setDisableConnections(boolean disableConnections) {
    this.disableConnections = disableConnections;
    return this;
  }

  public Duration getRegistrationTimeout() {
    return registrationTimeout;
  }

  public NriOptions setRegistrationTimeout(Duration registrationTimeout) {
    this.registrationTimeout = positive(registrationTimeout, "registrationTimeout");
    return this;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public NriOptions setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    return this;
  }

  public String getRuntimeName() {
    return runtimeName;
  }

  public NriOptions setRuntimeName(String runtimeName) {
    this.runtimeName = runtimeName;
    return this;
  }

  public String getRuntimeVersion() {
    return runtimeVersion;
  }

  public NriOptions setRuntimeVersion(String runtimeVersion) {
    this.runtimeVersion = runtimeVersion;
    return this;
  }

  /** Prefix of every event-bus address of this instance (see README, "Event bus"). */
  public String getBusPrefix() {
    return busPrefix;
  }

  public NriOptions setBusPrefix(String busPrefix) {
    this.busPrefix = busPrefix;
    return this;
  }

  private static Duration positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
    }
    return d;
  }
}
