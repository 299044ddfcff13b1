package io.nrivertx.config;

import io.nrivertx.NriOptions;
import io.nrivertx.ops.LoggingOptions;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.TracingOptions;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.relay.RelayOptions;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.validate.DefaultValidatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every key of nri-vertx's configuration, once: its type, the form an operator must write, and
 * where its value lives in {@link NriOptions}. All sources (YAML, containerd's TOML, nri.conf,
 * environment, system properties, flags) convert into these keys, so precedence and
 * {@code config --print} work on one table. docs/configuration.md documents each.
 */
public final class ConfigKeys {
  /** How a value is written and checked. */
  public enum Kind {
    TEXT, OPTIONAL_PATH, BOOL, DURATION, UIDS, RESTART, DUPLICATE, VALIDATOR,
    /** The per-plugin settings: a mapping of "NN-name" or "name" to that plugin's settings. */
    PLUGINS,
    /** {@code host:port}, or "" for none. */
    ADDRESS,
    /** The start of a Prometheus metric name: letters, digits and '_', not starting with a digit. */
    METRIC_PREFIX,
    /** An http or https URL. */
    URL,
    /** A number from 0 to 1. */
    RATIO,
    LOG_LEVEL, LOG_FORMAT,
    /** A byte size: "512MiB", "1GiB" or bytes. */
    SIZE,
    /** A plugin name as NRI allows it. */
    PLUGIN_NAME,
    /** A two-digit plugin index. */
    PLUGIN_INDEX
  }

  /**
   * Where settings are applied: the runtime's options, the command's namespace, the
   * operations sections (metrics, tracing, logging) and the relay's options.
   */
  static final class Target {
    final NriOptions options;
    String namespace;
    final MetricsOptions metrics = new MetricsOptions();
    final TracingOptions tracing = new TracingOptions();
    final LoggingOptions logging = new LoggingOptions();
    final RelayOptions relay = new RelayOptions();

    Target(NriOptions options, String namespace) {
      this.options = options;
      this.namespace = namespace;
    }
  }

  /** The YAML sections whose keys are written {@code section.key} here ({@code metrics.address}). */
  public static final List<String> SECTIONS = List.of("metrics", "tracing", "logging", "relay");

  /**
   * @param zeroKeepsDefault for durations: "0" means "keep the default", as in containerd
   */
  public record Key(String name, Kind kind, String form, boolean zeroKeepsDefault,
                    Function<Target, Object> get, BiConsumer<Target, Object> set) {
    /** {@code NRI_VERTX_SOCKET_PATH} for {@code socketPath}. */
    public String envName() {
      return "NRI_VERTX_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_')
          .toUpperCase(java.util.Locale.ROOT);
    }

    /** {@code metrics} for {@code metrics.address}; null for a top-level key. */
    public String section() {
      int dot = name.indexOf('.');
      return dot < 0 ? null : name.substring(0, dot);
    }

    /** {@code address} for {@code metrics.address}; the name itself for a top-level key. */
    public String leaf() {
      return name.substring(name.indexOf('.') + 1);
    }

    /** {@code nrivertx.socketPath} for {@code socketPath}. */
    public String propertyName() {
      return PROPERTY_PREFIX + name;
    }
  }

  public static final String ENV_PREFIX = "NRI_VERTX_";
  public static final String PROPERTY_PREFIX = "nrivertx.";
  static final String DURATION_FORM = Durations.FORM;

  public static final List<Key> ALL = List.of(
      key("socketPath", Kind.TEXT, "an absolute or relative socket path",
          t -> t.options.getSocketPath(), (t, v) -> t.options.setSocketPath((String) v)),
      key("disableConnections", Kind.BOOL, "true or false",
          t -> t.options.isDisableConnections(), (t, v) -> t.options.setDisableConnections((Boolean) v)),
      key("pluginPath", Kind.OPTIONAL_PATH, "a directory of NN-name executables (\"\" launches none)",
          t -> t.options.getPluginPath() == null ? "" : t.options.getPluginPath(),
          (t, v) -> t.options.setPluginPath((String) v)),
      key("pluginConfigPath", Kind.TEXT, "a directory of NN-name.conf / name.conf drop-in files",
          t -> t.options.getPluginConfigPath(), (t, v) -> t.options.setPluginConfigPath((String) v)),
      duration("pluginRegistrationTimeout", true, t -> t.options.getRegistrationTimeout(),
          (t, v) -> t.options.setRegistrationTimeout(v)),
      duration("pluginRequestTimeout", true, t -> t.options.getRequestTimeout(), (t, v) -> t.options.setRequestTimeout(v)),
      key("disable", Kind.BOOL, "true or false", t -> t.options.isDisable(), (t, v) -> t.options.setDisable((Boolean) v)),
      key("allowedUids", Kind.UIDS, "a list of uids such as [0, 1000] (empty: this process's uid and root)",
          t -> t.options.getAllowedUids(), (t, v) -> t.options.setAllowedUids(ints(v))),
      key("duplicatePolicy", Kind.DUPLICATE, DuplicatePolicy.FORM, t -> t.options.getDuplicatePolicy().text(),
          (t, v) -> t.options.setDuplicatePolicy(DuplicatePolicy.parse((String) v))),
      key("plugins", Kind.PLUGINS, "a mapping of \"NN-name\" or \"name\" to settings with the keys "
          + String.join(", ", PluginsYaml.KEYS), t -> PluginEntries.of(t.options.getPlugins(), NriConfig.BUILT_IN),
          (t, v) -> t.options.setPlugins(((PluginEntries) v).policies())),
      key("pluginRestart", Kind.RESTART, RestartPolicy.FORM, t -> t.options.getPluginRestart().text(),
          (t, v) -> t.options.setPluginRestart(RestartPolicy.parse((String) v))),
      duration("pluginRestartBackoff", false, t -> t.options.getPluginRestartBackoff(),
          (t, v) -> t.options.setPluginRestartBackoff(v)),
      duration("pluginRestartBackoffMax", false, t -> t.options.getPluginRestartBackoffMax(),
          (t, v) -> t.options.setPluginRestartBackoffMax(v)),
      duration("shutdownGrace", false, t -> t.options.getShutdownGrace(), (t, v) -> t.options.setShutdownGrace(v)),
      duration("deadlineMargin", false, t -> t.options.getDeadlineMargin(), (t, v) -> t.options.setDeadlineMargin(v)),
      duration("refusalLinger", false, t -> t.options.getRefusalLinger(), (t, v) -> t.options.setRefusalLinger(v)),
      key("defaultValidator", Kind.VALIDATOR, "a mapping with the keys " + String.join(", ",
          DefaultValidatorConfig.yamlKeys()), t -> t.options.getDefaultValidator(),
          (t, v) -> t.options.setDefaultValidator((DefaultValidatorConfig) v)),
      key("wasmMemoryLimit", Kind.SIZE, Sizes.FORM + " (64KiB to 4GiB)",
          t -> t.options.getWasm().getMemoryLimit(), (t, v) -> t.options.getWasm().setMemoryLimit((Long) v)),
      key("wasmCompile", Kind.BOOL, "true (compile WASM plugins to JVM bytecode when loaded) or false (interpret them)",
          t -> t.options.getWasm().isCompile(), (t, v) -> t.options.getWasm().setCompile((Boolean) v)),
      key("wasmCacheDir", Kind.OPTIONAL_PATH, "a directory for compiled WASM plugins (\"\" keeps none)",
          t -> t.options.getWasm().getCacheDir() == null ? "" : t.options.getWasm().getCacheDir(),
          (t, v) -> t.options.getWasm().setCacheDir((String) v)),
      key("runtimeName", Kind.TEXT, "the runtime name plugins see in Configure",
          t -> t.options.getRuntimeName(), (t, v) -> t.options.setRuntimeName((String) v)),
      key("busPrefix", Kind.TEXT, "an event-bus address prefix such as \"nri\"",
          t -> t.options.getBusPrefix(), (t, v) -> t.options.setBusPrefix((String) v)),
      key("namespace", Kind.TEXT, "a namespace such as \"k8s.io\"", t -> t.namespace, (t, v) -> t.namespace = (String) v),
      key("metrics.address", Kind.ADDRESS, "host:port such as \"127.0.0.1:9464\" (port 0: any free port; \"\": no endpoint)",
          t -> t.metrics.getAddress(), (t, v) -> t.metrics.setAddress((String) v)),
      key("metrics.prefix", Kind.METRIC_PREFIX, "a metric name prefix such as \"nri\" or \"containerd_nri\"",
          t -> t.metrics.getPrefix(), (t, v) -> t.metrics.setPrefix((String) v)),
      key("tracing.enabled", Kind.BOOL, "true or false", t -> t.tracing.isEnabled(),
          (t, v) -> t.tracing.setEnabled((Boolean) v)),
      key("tracing.endpoint", Kind.URL, "an OTLP/HTTP traces URL such as \"http://127.0.0.1:4318/v1/traces\"",
          t -> t.tracing.getEndpoint(), (t, v) -> t.tracing.setEndpoint((String) v)),
      key("tracing.serviceName", Kind.TEXT, "the service.name of the spans", t -> t.tracing.getServiceName(),
          (t, v) -> t.tracing.setServiceName((String) v)),
      key("tracing.sampleRatio", Kind.RATIO, "a number from 0 to 1", t -> t.tracing.getSampleRatio(),
          (t, v) -> t.tracing.setSampleRatio(((Number) v).doubleValue())),
      key("logging.level", Kind.LOG_LEVEL, "one of " + String.join(", ", LoggingOptions.LEVELS),
          t -> t.logging.getLevel(), (t, v) -> t.logging.setLevel((String) v)),
      key("logging.format", Kind.LOG_FORMAT, "one of " + String.join(", ", LoggingOptions.FORMATS),
          t -> t.logging.getFormat(), (t, v) -> t.logging.setFormat((String) v)),
      key("relay.upstreamSocket", Kind.TEXT, "the runtime's NRI socket path, e.g. \"/var/run/nri/upstream.sock\"",
          t -> t.relay.getUpstreamSocket(), (t, v) -> t.relay.setUpstreamSocket((String) v)),
      key("relay.pluginName", Kind.PLUGIN_NAME, "a plugin name of letters, digits and _ . + -",
          t -> t.relay.getPluginName(), (t, v) -> t.relay.setPluginName((String) v)),
      key("relay.pluginIndex", Kind.PLUGIN_INDEX, "a two-digit plugin index such as \"50\"",
          t -> t.relay.getPluginIndex(), (t, v) -> t.relay.setPluginIndex((String) v)),
      duration("relay.upstreamRequestTimeout", false, t -> t.relay.getUpstreamRequestTimeout(),
          (t, v) -> t.relay.setUpstreamRequestTimeout(v)),
      duration("relay.deadlineMargin", false, t -> t.relay.getDeadlineMargin(), (t, v) -> t.relay.setDeadlineMargin(v)),
      duration("relay.reconnectDelay", false, t -> t.relay.getReconnectDelay(), (t, v) -> t.relay.setReconnectDelay(v)),
      duration("relay.reconnectMaxDelay", false, t -> t.relay.getReconnectMaxDelay(),
          (t, v) -> t.relay.setReconnectMaxDelay(v)),
      key("relay.validateUpstream", Kind.BOOL, "true or false", t -> t.relay.isValidateUpstream(),
          (t, v) -> t.relay.setValidateUpstream((Boolean) v)));

  private ConfigKeys() {
  }

  public static List<String> names() {
    return ALL.stream().map(Key::name).toList();
  }

  /** The keys a YAML file may have at its top level: the plain keys and the section names. */
  public static List<String> topLevelNames() {
    return ALL.stream().map(k -> k.section() == null ? k.name() : k.section()).distinct().toList();
  }

  /** The keys of one section, by their leaf names. */
  public static List<Key> section(String section) {
    return ALL.stream().filter(k -> section.equals(k.section())).toList();
  }

  /** @return the key, or null */
  public static Key byName(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
  }

  private static Key key(String name, Kind kind, String form, Function<Target, Object> get,
                         BiConsumer<Target, Object> set) {
    return new Key(name, kind, form, false, get, set);
  }

  private static Key duration(String name, boolean zeroKeepsDefault, Function<Target, Object> get,
                              BiConsumer<Target, Duration> set) {
    String form = DURATION_FORM + (zeroKeepsDefault ? "; \"0\" keeps the default" : ", positive");
    return new Key(name, Kind.DURATION, form, zeroKeepsDefault, get, (t, v) -> set.accept(t, (Duration) v));
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> ints(Object v) {
    return (List<Integer>) v;
  }
}
