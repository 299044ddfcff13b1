package io.nrivertx.stub.v010;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link V010Adapter}. Copyable and convertible to/from JSON like Vert.x options.
 * The defaults are NRI v0.1.0's: {@code /etc/nri/conf.json}, plugins on PATH plus
 * {@code /opt/nri/bin}.
 */
public final class V010Options {
  public static final String DEFAULT_CONF_PATH = "/etc/nri/conf.json";
  public static final String DEFAULT_BIN_DIR = "/opt/nri/bin";

  private String confPath = DEFAULT_CONF_PATH;
  private List<String> binDirs = List.of(DEFAULT_BIN_DIR);
  private Duration timeout;
  private Map<String, String> environment;

  public V010Options() {
  }

  public V010Options(V010Options other) {
    this(other.toJson());
  }

  public V010Options(JsonObject json) {
    confPath = json.getString("confPath", confPath);
    JsonArray dirs = json.getJsonArray("binDirs");
    binDirs = dirs == null ? binDirs : dirs.stream().map(String::valueOf).toList();
    Long ms = json.getLong("timeoutMs");
    timeout = ms == null ? null : Duration.ofMillis(ms);
    JsonObject env = json.getJsonObject("environment");
    environment = env == null ? null : env.getMap().entrySet().stream()
        .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("confPath", confPath).put("binDirs", new JsonArray(binDirs));
    if (timeout != null) {
      json.put("timeoutMs", timeout.toMillis());
    }
    if (environment != null) {
      json.put("environment", new JsonObject(Map.copyOf(environment)));
    }
    return json;
  }

  public String getConfPath() {
    return confPath;
  }

  /** The v0.1 configuration, read again for every event; a missing file means no plugins. */
  public V010Options setConfPath(String confPath) {
    this.confPath = Objects.requireNonNull(confPath, "confPath");
    return this;
  }

  public List<String> getBinDirs() {
    return binDirs;
  }

  /** Searched for v0.1 plugin binaries after PATH, as NRI appends /opt/nri/bin to PATH. */
  public V010Options setBinDirs(List<String> binDirs) {
    this.binDirs = List.copyOf(binDirs);
    return this;
  }

  public Duration getTimeout() {
    return timeout;
  }

  /**
   * How long the v0.1 chain of one event may run before the running plugin (with its children)
   * is killed and the event fails. Null (the default) = three quarters of the runtime's request
   * timeout from Configure (1.5 s with NRI's 2 s), so that the adapter answers in time and is not
   * dropped by the runtime. NRI's own adapter has no limit and hangs with its plugin.
   */
  public V010Options setTimeout(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  public Map<String, String> getEnvironment() {
    return environment;
  }

  /**
   * The environment v0.1 plugins inherit and whose PATH is searched; null (the default) = the
   * process environment. NRI_PLUGIN_* variables are never passed on: the runtime's socket is not
   * theirs.
   */
  public V010Options setEnvironment(Map<String, String> environment) {
    this.environment = environment == null ? null : Map.copyOf(environment);
    return this;
  }
}
