package io.nrivertx.config;

import io.nrivertx.NriOptions;
import io.nrivertx.config.ConfigKeys.Key;
import io.nrivertx.config.ConfigKeys.Target;
import io.nrivertx.ops.LoggingOptions;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.TracingOptions;
import io.nrivertx.relay.RelayOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nri-vertx's effective configuration: one {@link Setting} per key, each remembering where its
 * value came from, plus notes worth telling the operator (e.g. a containerd config without an NRI
 * section). Immutable; {@link #options()} builds a fresh {@link NriOptions} each time.
 */
public record NriConfig(List<Setting> settings, List<String> notes) {
  public static final String DEFAULT_NAMESPACE = "k8s.io";
  static final String BUILT_IN = "built-in default";

  public NriConfig {
    // Always every key, in the table's order, so printing and applying are complete and stable.
    List<Setting> ordered = new ArrayList<>();
    for (Key key : ConfigKeys.ALL) {
      Setting s = settings.stream().filter(x -> x.key().equals(key.name())).reduce((a, b) -> b).orElseThrow(
          () -> new IllegalArgumentException("no value for " + key.name()));
      ordered.add(s);
    }
    settings = List.copyOf(ordered);
    notes = List.copyOf(notes);
  }

  /** Every key taken from {@code options} and {@code namespace}, marked as built-in defaults. */
  public NriConfig(NriOptions options, String namespace) {
    this(read(new Target(new NriOptions(options), namespace)), List.of());
  }

  private static List<Setting> read(Target t) {
    return ConfigKeys.ALL.stream().map(k -> new Setting(k.name(), k.get().apply(t), BUILT_IN)).toList();
  }

  public NriOptions options() {
    Target t = target();
    return t.options;
  }

  public String namespace() {
    return target().namespace;
  }

  /** The {@code metrics:} section: the operations HTTP endpoint and the metric name prefix. */
  public MetricsOptions metrics() {
    return target().metrics;
  }

  /** The {@code tracing:} section. */
  public TracingOptions tracing() {
    return target().tracing;
  }

  /** The {@code logging:} section (and --log-level, --log-format). */
  public LoggingOptions logging() {
    return target().logging;
  }

  /** The {@code relay:} section, for {@code nri-vertx relay}. */
  public RelayOptions relay() {
    return target().relay;
  }

  /** containerd's {@code disable = true}: NRI is off. */
  public boolean disabled() {
    return options().isDisable();
  }

  private Target target() {
    Target t = new Target(new NriOptions(), DEFAULT_NAMESPACE);
    for (Setting s : settings) {
      ConfigKeys.byName(s.key()).set().accept(t, s.value());
    }
    return t;
  }

  public Setting setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown setting " + key));
  }

  /** This configuration with {@code key} set to {@code value} (already checked) from {@code source}. */
  public NriConfig with(String key, Object value, String source) {
    if (value == ConfigText.KEEP_DEFAULT) {
      return this;
    }
    if (value instanceof PluginEntries added) {
      // Per-plugin settings overlay field by field, each field keeping its own source.
      value = ((PluginEntries) setting(key).value()).with(added.sourcedFrom(source));
    }
    List<Setting> next = new ArrayList<>(settings);
    next.add(new Setting(key, value, source));
    return new NriConfig(next, notes);
  }

  /**
   * This configuration with the drop-in plugin settings files ({@code NN-name.policy.yaml},
   * {@code name.policy.yaml}) of its {@code pluginConfigPath} under it: a file's field counts
   * where no other source set that field for that plugin (docs/configuration.md).
   *
   * @throws ConfigException naming a bad file, line and key
   */
  public NriConfig withPluginSettingFiles() {
    String dir = options().getPluginConfigPath();
    PluginEntries dropIns = PluginsYaml.dropIns(dir == null || dir.isEmpty() ? null : Path.of(dir));
    if (dropIns.policies().isEmpty()) {
      return this;
    }
    Setting current = setting("plugins");
    PluginEntries merged = ((PluginEntries) current.value()).under(dropIns);
    List<Setting> next = new ArrayList<>(settings);
    next.add(new Setting("plugins", merged, current.source()));
    return new NriConfig(next, notes);
  }

  /**
   * This configuration with {@code key} set from text (a command-line flag), checked like an
   * environment override.
   *
   * @throws ConfigException naming {@code source} and the expected form
   */
  public NriConfig override(String key, String text, String source) {
    try {
      return with(key, ConfigText.parse(ConfigKeys.byName(key), text), source);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("bad " + source + " \"" + text + "\": " + e.getMessage());
    }
  }

  NriConfig withNote(String note) {
    List<String> next = new ArrayList<>(notes);
    next.add(note);
    return new NriConfig(settings, next);
  }

  /** The defaults: the embedded conf/nri-vertx.yaml over the built-in values. */
  public static NriConfig defaults() {
    return new ConfigLoader().defaults();
  }

  /** The defaults overlaid with the keys present in {@code file}. */
  public static NriConfig load(Path file) {
    ConfigLoader loader = new ConfigLoader();
    return loader.overlay(loader.defaults(), file);
  }

  /** Every source in the documented order (docs/configuration.md); see {@link ConfigSources}. */
  public static NriConfig resolve(ConfigSources sources) {
    return ConfigResolver.resolve(sources);
  }

  public NriConfig withSocketPath(String socketPath) {
    return with("socketPath", socketPath, "--socket");
  }

  public NriConfig withNamespace(String namespace) {
    return with("namespace", namespace, "--namespace");
  }
}
