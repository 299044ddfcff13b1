package io.nrivertx;

import io.nrivertx.observe.NriObserver;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.plugin.wasm.WasmOptions;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Settings of one nri-vertx instance. Copyable and convertible to/from JSON like Vert.x options, so
 * two instances in one JVM never share state: each gets its own socket and bus prefix.
 */
public final class NriOptions {
  public static final String DEFAULT_SOCKET = "/var/run/nri/nri.sock";
  /** NRI's drop-in directory for the configuration of pre-installed plugins. */
  public static final String DEFAULT_PLUGIN_CONFIG_PATH = "/etc/nri/conf.d";
  /** The NRI version whose semantics this runtime implements, sent to plugins in Configure. */
  public static final String NRI_VERSION = "v0.12.5";

  private String socketPath = DEFAULT_SOCKET;
  private boolean disableConnections;
  private Duration registrationTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(2);
  private String runtimeName = "nri-vertx";
  private String runtimeVersion = Version.current();
  private String busPrefix = "nri";
  private DefaultValidatorConfig defaultValidator = DefaultValidatorConfig.disabled();
  private boolean disable;
  // null: launch nothing. Embedders opt in; the command line's configuration defaults to NRI's /opt/nri/plugins.
  private String pluginPath;
  private String pluginConfigPath = DEFAULT_PLUGIN_CONFIG_PATH;
  private List<Integer> allowedUids = List.of();
  private RestartPolicy pluginRestart = RestartPolicy.NEVER;
  private Duration pluginRestartBackoff = Duration.ofSeconds(1);
  private Duration pluginRestartBackoffMax = Duration.ofMinutes(1);
  private DuplicatePolicy duplicatePolicy = DuplicatePolicy.REPLACE;
  private Duration shutdownGrace = Duration.ofSeconds(2);
  private Duration deadlineMargin = Duration.ofMillis(50);
  private Duration refusalLinger = Duration.ofMillis(200);
  private PluginPolicies plugins = PluginPolicies.NONE;
  // Not part of the JSON form: an object, carried by copies.
  private NriObserver observer = NriObserver.NONE;
  private WasmOptions wasm = new WasmOptions();

  public NriOptions() {
  }

  public NriOptions(NriOptions other) {
    this(other.toJson());
    this.observer = other.observer;
    wasm = new WasmOptions(other.wasm);
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
    disable = json.getBoolean("disable", disable);
    pluginPath = json.getString("pluginPath", pluginPath);
    pluginConfigPath = json.getString("pluginConfigPath", pluginConfigPath);
    allowedUids = json.getJsonArray("allowedUids", new JsonArray()).stream().map(u -> ((Number) u).intValue()).toList();
    pluginRestart = RestartPolicy.parse(json.getString("pluginRestart", pluginRestart.text()));
    pluginRestartBackoff = Duration.ofMillis(json.getLong("pluginRestartBackoffMs", pluginRestartBackoff.toMillis()));
    pluginRestartBackoffMax = Duration.ofMillis(json.getLong("pluginRestartBackoffMaxMs",
        pluginRestartBackoffMax.toMillis()));
    duplicatePolicy = DuplicatePolicy.parse(json.getString("duplicatePolicy", duplicatePolicy.text()));
    shutdownGrace = Duration.ofMillis(json.getLong("shutdownGraceMs", shutdownGrace.toMillis()));
    deadlineMargin = Duration.ofMillis(json.getLong("deadlineMarginMs", deadlineMargin.toMillis()));
    refusalLinger = Duration.ofMillis(json.getLong("refusalLingerMs", refusalLinger.toMillis()));
    if (json.containsKey("wasm")) {
      wasm = new WasmOptions(json.getJsonObject("wasm"));
    }
    if (json.containsKey("plugins")) {
      plugins = PluginPolicies.fromJson(json.getJsonObject("plugins"));
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
        .put("defaultValidator", defaultValidator.toJson())
        .put("disable", disable)
        .put("pluginPath", pluginPath)
        .put("pluginConfigPath", pluginConfigPath)
        .put("allowedUids", new JsonArray(allowedUids))
        .put("pluginRestart", pluginRestart.text())
        .put("pluginRestartBackoffMs", pluginRestartBackoff.toMillis())
        .put("pluginRestartBackoffMaxMs", pluginRestartBackoffMax.toMillis())
        .put("duplicatePolicy", duplicatePolicy.text())
        .put("shutdownGraceMs", shutdownGrace.toMillis())
        .put("deadlineMarginMs", deadlineMargin.toMillis())
        .put("refusalLingerMs", refusalLinger.toMillis())
        .put("wasm", wasm.toJson())
        .put("plugins", plugins.toJson());
  }

  /**
   * The operator's per-plugin settings, keyed "NN-name" or "name": request and registration
   * timeouts, failure policy, required, duplicate policy (docs/configuration.md, "Per-plugin
   * settings"). They apply to every kind of plugin, builtins included.
   */
  public PluginPolicies getPlugins() {
    return plugins;
  }

  public NriOptions setPlugins(PluginPolicies plugins) {
    this.plugins = plugins == null ? PluginPolicies.NONE : plugins;
    return this;
  }

  /**
   * What an event's plugin calls leave of its caller's deadline: each call gets at most the time
   * left minus this margin, for the answer to travel back and the steps after the plugins.
   */
  public Duration getDeadlineMargin() {
    return deadlineMargin;
  }

  public NriOptions setDeadlineMargin(Duration deadlineMargin) {
    if (deadlineMargin == null || deadlineMargin.isNegative()) {
      throw new IllegalArgumentException("deadlineMargin must be zero or positive, got " + deadlineMargin);
    }
    this.deadlineMargin = deadlineMargin;
    return this;
  }

  /** How long a plugin refused at registration keeps its connection, so the refusal reaches it first. */
  public Duration getRefusalLinger() {
    return refusalLinger;
  }

  public NriOptions setRefusalLinger(Duration refusalLinger) {
    this.refusalLinger = positive(refusalLinger, "refusalLinger");
    return this;
  }

  /** Told of events, plugin calls and plugin state changes (metrics, tracing); never null. */
  public NriObserver getObserver() {
    return observer;
  }

  public NriOptions setObserver(NriObserver observer) {
    this.observer = observer == null ? NriObserver.NONE : observer;
    return this;
  }

  /** True: NRI is off (containerd's {@code disable}); the runtime serves events with no plugin at all. */
  public boolean isDisable() {
    return disable;
  }

  public NriOptions setDisable(boolean disable) {
    this.disable = disable;
    return this;
  }

  /** Directory of pre-installed plugins ({@code NN-name} executables) launched at start; null: none. */
  public String getPluginPath() {
    return pluginPath;
  }

  public NriOptions setPluginPath(String pluginPath) {
    this.pluginPath = pluginPath == null || pluginPath.isEmpty() ? null : pluginPath;
    return this;
  }

  /** Drop-in directory: {@code NN-name.conf}, else {@code name.conf}, is sent to that plugin in Configure. */
  public String getPluginConfigPath() {
    return pluginConfigPath;
  }

  public NriOptions setPluginConfigPath(String pluginConfigPath) {
    this.pluginConfigPath = pluginConfigPath;
    return this;
  }

  /** Peer uids the socket admits; empty means this process's own uid and root. */
  public List<Integer> getAllowedUids() {
    return allowedUids;
  }

  public NriOptions setAllowedUids(List<Integer> allowedUids) {
    this.allowedUids = allowedUids == null ? List.of() : List.copyOf(allowedUids);
    return this;
  }

  public RestartPolicy getPluginRestart() {
    return pluginRestart;
  }

  public NriOptions setPluginRestart(RestartPolicy pluginRestart) {
    this.pluginRestart = pluginRestart == null ? RestartPolicy.NEVER : pluginRestart;
    return this;
  }

  /** First delay before restarting a failed plugin; doubled after each failure in a row, up to {@link #getPluginRestartBackoffMax}. */
  public Duration getPluginRestartBackoff() {
    return pluginRestartBackoff;
  }

  public NriOptions setPluginRestartBackoff(Duration pluginRestartBackoff) {
    this.pluginRestartBackoff = positive(pluginRestartBackoff, "pluginRestartBackoff");
    return this;
  }

  /**
   * The longest delay between restarts (a first backoff above it is used as it is); a run that
   * lasted longer than this counts as news, and its failure starts the doubling over.
   */
  public Duration getPluginRestartBackoffMax() {
    return pluginRestartBackoffMax;
  }

  public NriOptions setPluginRestartBackoffMax(Duration pluginRestartBackoffMax) {
    this.pluginRestartBackoffMax = positive(pluginRestartBackoffMax, "pluginRestartBackoffMax");
    return this;
  }

  public DuplicatePolicy getDuplicatePolicy() {
    return duplicatePolicy;
  }

  public NriOptions setDuplicatePolicy(DuplicatePolicy duplicatePolicy) {
    this.duplicatePolicy = duplicatePolicy == null ? DuplicatePolicy.REPLACE : duplicatePolicy;
    return this;
  }

  /** How long a launched plugin has between SIGTERM and SIGKILL when it is stopped. */
  public Duration getShutdownGrace() {
    return shutdownGrace;
  }

  public NriOptions setShutdownGrace(Duration shutdownGrace) {
    this.shutdownGrace = positive(shutdownGrace, "shutdownGrace");
    return this;
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

  /** How pre-installed WASM plugins are run (memory limit, compiler, cache). */
  public WasmOptions getWasm() {
    return wasm;
  }

  public NriOptions setWasm(WasmOptions wasm) {
    this.wasm = wasm == null ? new WasmOptions() : new WasmOptions(wasm);
    return this;
  }
}
