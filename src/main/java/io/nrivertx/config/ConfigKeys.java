package io.nrivertx.config;

import io.nrivertx.NriOptions;
import io.nrivertx.plugin.launch.RestartPolicy;
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
  public enum Kind { TEXT, OPTIONAL_PATH, BOOL, DURATION, UIDS, RESTART, DUPLICATE, VALIDATOR }

  /** Where settings are applied: the runtime's options and the command's namespace. */
  static final class Target {
    final NriOptions options;
    String namespace;

    Target(NriOptions options, String namespace) {
      this.options = options;
      this.namespace = namespace;
    }
  }

  /**
   * @param zeroKeepsDefault for durations: "0" means "keep the default", as in containerd
   */
  public record Key(String name, Kind kind, String form, boolean zeroKeepsDefault,
                    Function<Target, Object> get, BiConsumer<Target, Object> set) {
    /** {@code NRI_VERTX_SOCKET_PATH} for {@code socketPath}. */
    public String envName() {
      return "NRI_VERTX_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
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
      key("pluginRestart", Kind.RESTART, RestartPolicy.FORM, t -> t.options.getPluginRestart().text(),
          (t, v) -> t.options.setPluginRestart(RestartPolicy.parse((String) v))),
      duration("pluginRestartBackoff", false, t -> t.options.getPluginRestartBackoff(),
          (t, v) -> t.options.setPluginRestartBackoff(v)),
      duration("shutdownGrace", false, t -> t.options.getShutdownGrace(), (t, v) -> t.options.setShutdownGrace(v)),
      key("defaultValidator", Kind.VALIDATOR, "a mapping with the keys " + String.join(", ",
          DefaultValidatorConfig.yamlKeys()), t -> t.options.getDefaultValidator(),
          (t, v) -> t.options.setDefaultValidator((DefaultValidatorConfig) v)),
      key("runtimeName", Kind.TEXT, "the runtime name plugins see in Configure",
          t -> t.options.getRuntimeName(), (t, v) -> t.options.setRuntimeName((String) v)),
      key("busPrefix", Kind.TEXT, "an event-bus address prefix such as \"nri\"",
          t -> t.options.getBusPrefix(), (t, v) -> t.options.setBusPrefix((String) v)),
      key("namespace", Kind.TEXT, "a namespace such as \"k8s.io\"", t -> t.namespace, (t, v) -> t.namespace = (String) v));

  private ConfigKeys() {
  }

  public static List<String> names() {
    return ALL.stream().map(Key::name).toList();
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
