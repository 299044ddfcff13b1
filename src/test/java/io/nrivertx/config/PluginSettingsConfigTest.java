package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code plugins:} section: YAML, drop-in files in the plugin configuration directory,
 * environment, each field's source in {@code config --print}, and errors that name file, line and key.
 */
class PluginSettingsConfigTest {
  private final ConfigLoader loader = new ConfigLoader();

  private static PluginPolicies plugins(NriConfig cfg) {
    return cfg.options().getPlugins();
  }

  private static PluginEntries entries(NriConfig cfg) {
    return (PluginEntries) cfg.setting("plugins").value();
  }

  @Test
  void noPluginSettingsByDefault() {
    assertEquals(PluginPolicies.NONE, plugins(NriConfig.defaults()));
    assertTrue(ConfigPrinter.print(NriConfig.defaults()).contains("\nplugins: {}"));
  }

  @Test
  void eachEntryAndFieldIsReadWithItsLine() {
    NriConfig cfg = loader.apply(NriConfig.defaults(), """
        plugins:
          10-topology-aware:
            requestTimeout: 500ms
            required: true
          logger:
            registrationTimeout: 10s
            failurePolicy: {failRequest: false, keepConnected: true}
            duplicatePolicy: handover
        """, "f.yaml");
    assertEquals(new PluginPolicy(Duration.ofMillis(500), null, null, null, true, null),
        plugins(cfg).asMap().get("10-topology-aware"));
    assertEquals(new PluginPolicy(null, Duration.ofSeconds(10), false, true, null, DuplicatePolicy.HANDOVER),
        plugins(cfg).asMap().get("logger"));
    assertEquals("f.yaml:3", entries(cfg).source("10-topology-aware", "requestTimeout"));
    assertEquals("f.yaml:7", entries(cfg).source("logger", "failurePolicy.keepConnected"));
    assertEquals("f.yaml:8", entries(cfg).source("logger", "duplicatePolicy"));
  }

  @Test
  void aLaterSourceChangesOnlyTheFieldsItSets() {
    NriConfig first = loader.apply(NriConfig.defaults(), "plugins: {x: {requestTimeout: 1s, required: true}}\n", "a.yaml");
    NriConfig cfg = loader.apply(first, "plugins:\n  x: {required: false}\n", "b.yaml");
    assertEquals(PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(1)).withRequired(false),
        plugins(cfg).asMap().get("x"));
    assertEquals("a.yaml:1", entries(cfg).source("x", "requestTimeout"));
    assertEquals("b.yaml:2", entries(cfg).source("x", "required"));
  }

  @Test
  void printShowsEveryFieldWithItsSourceAndReadsBack(@TempDir Path dir) throws Exception {
    NriConfig cfg = loader.apply(NriConfig.defaults(), """
        plugins:
          10-a: {requestTimeout: 250ms, failurePolicy: {failRequest: true}}
        """, "f.yaml");
    String printed = ConfigPrinter.print(cfg);
    assertTrue(printed.contains("""
        plugins:
          "10-a":
            requestTimeout: "250ms\""""), printed);
    assertTrue(printed.matches("(?s).*\n    failurePolicy:\n      failRequest: true +# f\\.yaml:2\n.*"), printed);
    Path back = dir.resolve("printed.yaml");
    Files.writeString(back, printed);
    assertEquals(plugins(cfg), plugins(NriConfig.load(back)));
  }

  @Test
  void dropInFilesHoldOnePluginsSettingsAndTheOperatorsWin(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("10-x.policy.yaml"), "requestTimeout: 3s\nrequired: true\n");
    Files.writeString(dir.resolve("y.policy.yaml"), "failurePolicy:\n  keepConnected: true\n");
    Files.writeString(dir.resolve("y.conf"), "not: ours\n");
    NriConfig cfg = loader.apply(NriConfig.defaults(), "pluginConfigPath: " + dir + "\nplugins:\n  x: {required: false}\n",
        "f.yaml").withPluginSettingFiles();
    assertEquals(PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(3)), plugins(cfg).asMap().get("10-x"),
        "required: false from f.yaml wins over the file's true, though f.yaml says it for the name only");
    assertEquals(PluginPolicy.NONE.withRequired(false), plugins(cfg).asMap().get("x"));
    assertEquals(PluginPolicy.NONE.withKeepConnected(true), plugins(cfg).asMap().get("y"));
    assertEquals(dir.resolve("10-x.policy.yaml") + ":1", entries(cfg).source("10-x", "requestTimeout"));
    assertEquals(dir.resolve("y.policy.yaml") + ":2", entries(cfg).source("y", "failurePolicy.keepConnected"));
    assertEquals("f.yaml:3", entries(cfg).source("x", "required"));
    assertEquals(false, plugins(cfg).forPlugin("10", "x").isRequired());
  }

  @Test
  void aMissingDropInDirectoryHasNoFiles(@TempDir Path dir) {
    NriConfig cfg = NriConfig.defaults().with("pluginConfigPath", dir.resolve("none").toString(), "t");
    assertEquals(PluginPolicies.NONE, plugins(cfg.withPluginSettingFiles()));
  }

  @Test
  void badDropInFilesNameTheFileLineAndKey(@TempDir Path dir) throws Exception {
    NriConfig cfg = NriConfig.defaults().with("pluginConfigPath", dir.toString(), "t");
    Files.writeString(dir.resolve("10-x.policy.yaml"), "requestTimeout: 3s\nrequierd: true\n");
    ConfigException e = assertThrows(ConfigException.class, cfg::withPluginSettingFiles);
    assertEquals("bad plugin settings " + dir.resolve("10-x.policy.yaml") + ":2: requierd: unknown key (expected one of"
        + " requestTimeout, registrationTimeout, failurePolicy, required, duplicatePolicy)", e.getMessage());
    Files.delete(dir.resolve("10-x.policy.yaml"));
    Files.writeString(dir.resolve("bad name.policy.yaml"), "required: true\n");
    e = assertThrows(ConfigException.class, cfg::withPluginSettingFiles);
    assertTrue(e.getMessage().startsWith("bad plugin settings file " + dir.resolve("bad name.policy.yaml")
        + ": its name must be NN-name.policy.yaml or name.policy.yaml"), e.getMessage());
  }

  @Test
  void badValuesNameTheLineAndTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.apply(NriConfig.defaults(),
        "plugins:\n  x:\n    requestTimeout: 0s\n", "f.yaml"));
    assertEquals("bad config f.yaml:3: plugins.x.requestTimeout: expected a positive duration, got \"0s\"", e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.apply(NriConfig.defaults(),
        "plugins:\n  x: {failurePolicy: {failRequest: \"yes\"}}\n", "f.yaml"));
    assertTrue(e.getMessage().startsWith("bad config f.yaml:2: plugins.x.failurePolicy.failRequest: expected true or false"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.apply(NriConfig.defaults(),
        "plugins:\n  \"x y\": {required: true}\n", "f.yaml"));
    assertTrue(e.getMessage().startsWith("bad config f.yaml:2: plugins.x y: plugin key \"x y\" is neither"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> loader.apply(NriConfig.defaults(),
        "plugins:\n  x: {duplicatePolicy: swap}\n", "f.yaml"));
    assertEquals("bad config f.yaml:2: plugins.x.duplicatePolicy: expected \"replace\", \"reject\", \"allow\" or"
        + " \"handover\", got \"swap\"", e.getMessage());
  }

  @Test
  void theEnvironmentSetsPluginSettingsAsJson() {
    NriConfig cfg = NriConfig.resolve(new ConfigSources(null, null,
        Map.of("NRI_VERTX_PLUGINS", "{\"10-x\": {\"requestTimeout\": \"750ms\"}}"), Map.of()));
    assertEquals(Duration.ofMillis(750), plugins(cfg).forPlugin("10", "x").requestTimeout());
    assertEquals("environment variable NRI_VERTX_PLUGINS", entries(cfg).source("10-x", "requestTimeout"));
    ConfigException e = assertThrows(ConfigException.class, () -> NriConfig.resolve(new ConfigSources(null, null,
        Map.of("NRI_VERTX_PLUGINS", "{\"x\": {\"required\": 1}}"), Map.of())));
    assertTrue(e.getMessage().contains("plugins.x.required: expected true or false"), e.getMessage());
  }

  /**
   * docs/configuration.md's precedence table, as {@code config --print} shows it: every per-plugin
   * field with its own source (the operator's file, a package's drop-in file), beside the global
   * defaults each falls back to, also with theirs.
   */
  @Test
  void printShowsEachPerPluginFieldAndTheGlobalDefaultsWithTheirSources(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("20-pkg.policy.yaml"), """
        requestTimeout: 3s
        registrationTimeout: 9s
        failurePolicy: {keepConnected: true}
        required: true
        """);
    NriConfig cfg = loader.apply(NriConfig.defaults(), "pluginConfigPath: " + dir + """

        pluginRequestTimeout: 4s
        plugins:
          10-op:
            requestTimeout: 250ms
            registrationTimeout: 1s
            failurePolicy: {failRequest: true, keepConnected: false}
            required: true
            duplicatePolicy: handover
          pkg:
            failurePolicy: {failRequest: false}
        """, "f.yaml").withPluginSettingFiles();
    String printed = ConfigPrinter.print(cfg);
    String file = dir.resolve("20-pkg.policy.yaml").toString();
    for (String[] line : new String[][] {
        {"pluginRequestTimeout: \"4s\"", "f.yaml:2"},
        {"pluginRegistrationTimeout: \"5s\"", "embedded conf/nri-vertx.yaml:"},
        {"duplicatePolicy: \"replace\"", "embedded conf/nri-vertx.yaml:"},
        {"    requestTimeout: \"250ms\"", "f.yaml:5"},
        {"    registrationTimeout: \"1s\"", "f.yaml:6"},
        {"      failRequest: true", "f.yaml:7"},
        {"      keepConnected: false", "f.yaml:7"},
        {"    required: true", "f.yaml:8"},
        {"    duplicatePolicy: \"handover\"", "f.yaml:9"},
        {"      failRequest: false", "f.yaml:11"},
        {"    requestTimeout: \"3s\"", file + ":1"},
        {"    registrationTimeout: \"9s\"", file + ":2"},
        {"      keepConnected: true", file + ":3"},
        {"    required: true", file + ":4"}}) {
      assertTrue(printed.matches("(?s).*\n" + java.util.regex.Pattern.quote(line[0]) + " +# "
          + java.util.regex.Pattern.quote(line[1]) + ".*"), line[0] + " # " + line[1] + " missing in\n" + printed);
    }
    Path back = dir.resolve("printed.yaml");
    Files.writeString(back, printed);
    assertEquals(plugins(cfg), plugins(NriConfig.load(back)), "what is printed reads back");
  }
}
