package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.runtime.DuplicatePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented order of sources, the new keys, overrides from the environment and -D, and --print. */
class ConfigPrecedenceTest {
  @TempDir
  Path dir;

  private Path toml() throws IOException {
    return Files.writeString(dir.resolve("config.toml"), """
        [plugins."io.containerd.nri.v1.nri"]
          socket_path = "/from/toml.sock"
          plugin_path = "/from/toml/plugins"
          plugin_request_timeout = "3s"
        """);
  }

  private Path yaml() throws IOException {
    return Files.writeString(dir.resolve("nri-vertx.yaml"), "socketPath: /from/yaml.sock\npluginRequestTimeout: 4s\n");
  }

  @Test
  void eachSourceBeatsTheOnesBeforeIt() throws IOException {
    NriConfig cfg = NriConfig.resolve(new ConfigSources(yaml(), toml(), Map.of("NRI_VERTX_SOCKET_PATH", "/from/env.sock",
        "PATH", "/bin"), Map.of("nrivertx.pluginRequestTimeout", "5s", "nri.build.dir", "x")));
    assertEquals("/from/env.sock", cfg.options().getSocketPath());
    assertEquals("environment variable NRI_VERTX_SOCKET_PATH", cfg.setting("socketPath").source());
    assertEquals(Duration.ofSeconds(5), cfg.options().getRequestTimeout());
    assertEquals("system property nrivertx.pluginRequestTimeout", cfg.setting("pluginRequestTimeout").source());
    assertEquals("/from/toml/plugins", cfg.options().getPluginPath(), "what only the TOML sets survives");
    NriConfig flags = cfg.override("socketPath", "/from/flag.sock", "--socket");
    assertEquals("/from/flag.sock", flags.options().getSocketPath());
    assertEquals("--socket", flags.setting("socketPath").source());

    NriConfig noOverrides = NriConfig.resolve(new ConfigSources(yaml(), toml(), Map.of(), Map.of()));
    assertEquals("/from/yaml.sock", noOverrides.options().getSocketPath(), "nri-vertx's YAML beats containerd's file");
    assertEquals(dir.resolve("nri-vertx.yaml") + ":1", noOverrides.setting("socketPath").source());
  }

  @Test
  void theNewKeysFromYaml() {
    NriConfig cfg = new ConfigLoader().apply(NriConfig.defaults(), """
        disable: true
        pluginPath: /p
        pluginConfigPath: /c
        allowedUids: [0, 1000]
        duplicatePolicy: reject
        pluginRestart: on-failure
        pluginRestartBackoff: 250ms
        pluginRestartBackoffMax: 30s
        shutdownGrace: 10s
        defaultValidator:
          enable: true
          requiredPlugins: [10-a]
        """, "n.yaml");
    NriOptions o = cfg.options();
    assertTrue(o.isDisable());
    assertEquals("/p", o.getPluginPath());
    assertEquals("/c", o.getPluginConfigPath());
    assertEquals(List.of(0, 1000), o.getAllowedUids());
    assertEquals(DuplicatePolicy.REJECT, o.getDuplicatePolicy());
    assertEquals(RestartPolicy.ON_FAILURE, o.getPluginRestart());
    assertEquals(Duration.ofMillis(250), o.getPluginRestartBackoff());
    assertEquals(Duration.ofSeconds(30), o.getPluginRestartBackoffMax());
    assertEquals(Duration.ofMinutes(1), new NriOptions().getPluginRestartBackoffMax());
    assertEquals(Duration.ofSeconds(10), o.getShutdownGrace());
    assertEquals(List.of("10-a"), o.getDefaultValidator().requiredPlugins());
    assertNull(new ConfigLoader().apply(cfg, "pluginPath: \"\"\n", "e.yaml").options().getPluginPath(),
        "\"\" launches nothing");
    assertEquals(NriOptions.DEFAULT_PLUGIN_CONFIG_PATH, new NriOptions().getPluginConfigPath());
    assertNull(new NriOptions().getPluginPath(), "embedders launch nothing unless they say so");
  }

  @Test
  void badNewKeysNameLineKeyAndForm() {
    ConfigLoader loader = new ConfigLoader();
    for (String[] c : new String[][] {
        {"allowedUids: [root]", "f.yaml:1: allowedUids: expected a list of uids such as [0, 1000]"},
        {"allowedUids: 0", "f.yaml:1: allowedUids: expected a list, got the number \"0\""},
        {"duplicatePolicy: keep", "f.yaml:1: duplicatePolicy: expected \"replace\", \"reject\", \"allow\" or \"handover\", got \"keep\""},
        {"pluginRestart: always", "pluginRestart: expected \"never\" or \"on-failure\", got \"always\""},
        {"shutdownGrace: 0s", "shutdownGrace: expected a positive duration, got \"0s\""},
        {"deadlineMargin: 0s", "deadlineMargin: expected a positive duration, got \"0s\""},
        {"refusalLinger: soon", "refusalLinger: expected a Go duration"},
        {"defaultValidator:\n  enable: 'yes'", "f.yaml:2: defaultValidator.enable: expected true or false"},
        {"defaultValidator:\n  rejectAll: true", "f.yaml:2: defaultValidator.rejectAll: unknown key"},
    }) {
      ConfigException e = assertThrows(ConfigException.class, () -> loader.apply(NriConfig.defaults(), c[0], "f.yaml"));
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
  }

  @Test
  void overridesAreCheckedLikeFiles() {
    for (Map.Entry<String, String> bad : Map.of(
        "NRI_VERTX_SOCKET_PTH", "bad config environment variable NRI_VERTX_SOCKET_PTH: unknown setting (expected one of "
            + "NRI_VERTX_SOCKET_PATH,",
        "NRI_VERTX_PLUGIN_REQUEST_TIMEOUT", "bad config environment variable NRI_VERTX_PLUGIN_REQUEST_TIMEOUT=\"soon\": "
            + "expected a Go duration").entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> NriConfig.resolve(new ConfigSources(null, null,
          Map.of(bad.getKey(), "soon"), Map.of())));
      assertTrue(e.getMessage().startsWith(bad.getValue()), e.getMessage());
    }
    ConfigException e = assertThrows(ConfigException.class, () -> NriConfig.resolve(new ConfigSources(null, null,
        Map.of(), Map.of("nrivertx.allowedUids", "0,x"))));
    assertTrue(e.getMessage().startsWith("bad config system property nrivertx.allowedUids=\"0,x\": expected a list of uids"),
        e.getMessage());
    NriConfig ok = NriConfig.resolve(new ConfigSources(null, null, Map.of("NRI_VERTX_ALLOWED_UIDS", "0, 1000",
        "NRI_VERTX_DISABLE_CONNECTIONS", "true", "NRI_VERTX_DEFAULT_VALIDATOR", "{\"enable\": true}"), Map.of()));
    assertEquals(List.of(0, 1000), ok.options().getAllowedUids());
    assertTrue(ok.options().isDisableConnections());
    assertTrue(ok.options().getDefaultValidator().enable());
    assertThrows(ConfigException.class, () -> NriConfig.defaults().override("socketPath", " ", "--socket"));
  }

  @Test
  void printShowsEverySourceAndReadsBackAsTheSameConfiguration() throws IOException {
    NriConfig cfg = NriConfig.resolve(new ConfigSources(yaml(), toml(), Map.of("NRI_VERTX_SHUTDOWN_GRACE", "7s"), Map.of()));
    String printed = ConfigPrinter.print(cfg);
    assertTrue(printed.contains("socketPath: \"/from/yaml.sock\""), printed);
    assertTrue(printed.contains("# " + dir.resolve("nri-vertx.yaml") + ":1"), printed);
    assertTrue(printed.contains("pluginPath: \"/from/toml/plugins\""), printed);
    assertTrue(printed.contains("# " + dir.resolve("config.toml") + ":3 (plugin_path)"), printed);
    assertTrue(printed.contains("shutdownGrace: \"7s\""), printed);
    assertTrue(printed.contains("deadlineMargin: \"50ms\""), printed);
    assertTrue(printed.contains("refusalLinger: \"200ms\""), printed);
    assertTrue(printed.contains("# environment variable NRI_VERTX_SHUTDOWN_GRACE"), printed);
    assertTrue(printed.contains("# embedded conf/nri-vertx.yaml:"), printed);
    NriConfig back = new ConfigLoader().apply(new NriConfig(new NriOptions(), "x"), printed, "printed");
    assertEquals(cfg.options().toJson(), back.options().toJson());
    assertEquals(cfg.namespace(), back.namespace());
  }
}
