package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.testing.ContainerdConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** containerd's config.toml ([plugins."io.containerd.nri.v1.nri"], 1.7 and 2.x forms) and NRI's nri.conf. */
class ContainerdConfigTest {
  @TempDir
  Path root;

  private NriConfig resolve(Path toml) {
    return NriConfig.resolve(new ConfigSources(null, toml, Map.of(), Map.of()));
  }

  private Path toml(String section) throws IOException {
    return Files.writeString(root.resolve("config.toml"), "version = 2\n[plugins.\"io.containerd.nri.v1.nri\"]\n" + section);
  }

  @Test
  void containerd17FormWithTheNriConfItNames() throws IOException {
    Path toml = ContainerdConfigs.install("config-1.7.toml", root);
    Files.createDirectories(root.resolve("etc/nri"));
    Files.writeString(root.resolve("etc/nri/nri.conf"), "disableConnections: false\n");
    NriConfig cfg = resolve(toml);
    NriOptions o = cfg.options();
    assertFalse(cfg.disabled());
    assertEquals(root + "/var/run/nri.sock", o.getSocketPath());
    assertEquals(root + "/opt/nri/plugins", o.getPluginPath());
    // NRI 0.3-0.6 took the drop-in directory from beside nri.conf.
    assertEquals(root + "/etc/nri/conf.d", o.getPluginConfigPath());
    assertFalse(o.isDisableConnections());
    assertEquals(Duration.ofSeconds(5), o.getRegistrationTimeout());
    assertEquals(toml + ":28 (socket_path)", cfg.setting("socketPath").source());
    assertEquals(root + "/etc/nri/nri.conf:1", cfg.setting("disableConnections").source());
    assertTrue(cfg.setting("pluginConfigPath").source().startsWith("conf.d beside " + root + "/etc/nri/nri.conf"));
    assertTrue(cfg.setting("pluginRequestTimeout").source().startsWith("embedded conf/nri-vertx.yaml:"));
  }

  @Test
  void containerd2xFormWithEveryKey() throws IOException {
    Path toml = ContainerdConfigs.install("config-2.x.toml", root);
    NriConfig cfg = resolve(toml);
    NriOptions o = cfg.options();
    assertEquals(root + "/var/run/nri/nri.sock", o.getSocketPath());
    assertEquals(root + "/opt/nri/plugins", o.getPluginPath());
    assertEquals(root + "/etc/nri/conf.d", o.getPluginConfigPath());
    assertEquals(Duration.ofSeconds(5), o.getRegistrationTimeout());
    assertEquals(Duration.ofSeconds(2), o.getRequestTimeout());
    assertTrue(o.getDefaultValidator().enable());
    assertTrue(o.getDefaultValidator().rejectOciHookAdjustment());
    assertEquals(List.of("10-resource-policy"), o.getDefaultValidator().requiredPlugins());
    assertEquals("tolerate-missing-nri-plugins.noderesource.dev", o.getDefaultValidator().tolerateMissingPluginsAnnotation());
    assertTrue(cfg.setting("pluginRequestTimeout").source().endsWith("(plugin_request_timeout)"));
  }

  @Test
  void theSectionAsShippedParses() {
    // The samples as in the docs (paths under /etc, /opt): the 2.x one names no other file.
    Path toml = root.resolve("c.toml");
    try {
      Files.writeString(toml, ContainerdConfigs.text("config-2.x.toml"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals("/var/run/nri/nri.sock", resolve(toml).options().getSocketPath());
  }

  @Test
  void nriConfDisablesConnectionsAndPluginConfigPathBeatsItsDirectory() throws IOException {
    Path nriConf = Files.writeString(root.resolve("nri.conf"), "# NRI\ndisableConnections: true\n");
    NriConfig cfg = resolve(toml("config_file = \"" + nriConf + "\"\nplugin_config_path = \"/x/conf.d\"\n"));
    assertTrue(cfg.options().isDisableConnections());
    assertEquals("/x/conf.d", cfg.options().getPluginConfigPath());
  }

  @Test
  void disableTrueTurnsNriOff() throws IOException {
    NriConfig cfg = resolve(toml("disable = true\n"));
    assertTrue(cfg.disabled());
    assertEquals(root.resolve("config.toml") + ":3 (disable)", cfg.setting("disable").source());
  }

  @Test
  void zeroTimeoutsAndEmptyPathsKeepTheDefaults() throws IOException {
    NriConfig cfg = resolve(toml("plugin_request_timeout = \"0\"\nplugin_registration_timeout = \"0s\"\n"
        + "plugin_path = \"\"\nsocket_path = ''\n"));
    assertEquals(Duration.ofSeconds(2), cfg.options().getRequestTimeout());
    assertEquals("/opt/nri/plugins", cfg.options().getPluginPath());
    assertEquals(NriOptions.DEFAULT_SOCKET, cfg.options().getSocketPath());
  }

  @Test
  void aFileWithoutTheSectionLeavesTheDefaultsAndSaysSo() throws IOException {
    Path toml = Files.writeString(root.resolve("c.toml"), "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\n");
    NriConfig cfg = resolve(toml);
    assertEquals(NriOptions.DEFAULT_SOCKET, cfg.options().getSocketPath());
    assertTrue(cfg.notes().getFirst().contains("has no [plugins.\"io.containerd.nri.v1.nri\"] section"), cfg.notes().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plugin_dir = \"/x\"|:3: plugins.\"io.containerd.nri.v1.nri\".plugin_dir: unknown key (expected one of config_file,",
      "disable = \"no\"|:3: plugins.\"io.containerd.nri.v1.nri\".disable: expected true or false, got \"no\"",
      "socket_path = 5|socket_path: expected an absolute or relative socket path, got the integer 5",
      "plugin_request_timeout = \"2 seconds\"|plugin_request_timeout: expected a Go duration such as",
      "plugin_request_timeout = 2|plugin_request_timeout: expected a Go duration such as \"2s\"",
      "plugin_registration_timeout = \"-1s\"|plugin_registration_timeout: expected a positive duration (0 keeps the default)",
      "config_file = 1|config_file: expected the path of NRI's nri.conf, got the integer 1",
      "[plugins.\"io.containerd.nri.v1.nri\".default_validator]\\nreject_everything = true|:4: plugins.\"io.containerd.nri.v1.nri\".default_validator.reject_everything: unknown key",
      "[plugins.\"io.containerd.nri.v1.nri\".default_validator]\\nrequired_plugins = \"a\"|default_validator.required_plugins: expected an array of plugin names, got \"a\"",
      "disable = |:3: not valid TOML",
  })
  void badSectionsNameFileLineKeyAndForm(String section, String message) throws IOException {
    Path toml = toml(section.replace("\\n", "\n") + "\n");
    ConfigException e = assertThrows(ConfigException.class, () -> resolve(toml));
    assertTrue(e.getMessage().startsWith("bad containerd config " + toml + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void badOrMissingNriConfIsNamed() throws IOException {
    Path missing = root.resolve("etc/nri/nri.conf");
    ConfigException e = assertThrows(ConfigException.class, () -> resolve(toml("config_file = \"" + missing + "\"\n")));
    assertEquals("cannot read NRI config (config_file) " + missing + ": no such file", e.getMessage());
    Path bad = Files.writeString(root.resolve("nri.conf"), "disable_connections: true\n");
    e = assertThrows(ConfigException.class, () -> resolve(toml("config_file = \"" + bad + "\"\n")));
    assertTrue(e.getMessage().startsWith("bad NRI config " + bad + ":1: disable_connections: unknown key (expected one of "
        + "disableConnections)"), e.getMessage());
  }

  @Test
  void aMissingContainerdConfigIsNamed() {
    Path missing = root.resolve("nope.toml");
    ConfigException e = assertThrows(ConfigException.class, () -> resolve(missing));
    assertEquals("cannot read containerd config " + missing + ": no such file", e.getMessage());
  }
}
