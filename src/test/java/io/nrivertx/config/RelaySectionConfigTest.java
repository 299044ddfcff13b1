package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.relay.RelayOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay: section: YAML with a line per key, overrides, --print, and errors that name the key. */
class RelaySectionConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaultsAreTheRelaysOwn() {
    RelayOptions relay = NriConfig.defaults().relay();
    assertEquals(RelayOptions.DEFAULT_UPSTREAM, relay.getUpstreamSocket());
    assertEquals("nri-vertx", relay.getPluginName());
    assertEquals("50", relay.getPluginIndex());
    assertEquals(Duration.ofSeconds(2), relay.getUpstreamRequestTimeout());
    assertEquals(new RelayOptions().toJson(), relay.toJson(), "the embedded file says what the code says");
  }

  @Test
  void yamlSetsOnlyWhatItNamesEachWithItsLine() throws IOException {
    Path yaml = Files.writeString(dir.resolve("relay.yaml"), """
        socketPath: /run/down.sock
        relay:
          upstreamSocket: /run/up.sock
          pluginIndex: "07"
          deadlineMargin: 100ms
        """);
    NriConfig cfg = NriConfig.resolve(new ConfigSources(yaml, null,
        Map.of("NRI_VERTX_RELAY_PLUGIN_NAME", "edge-relay"), Map.of("nrivertx.relay.validateUpstream", "true")));
    RelayOptions relay = cfg.relay();
    assertEquals("/run/up.sock", relay.getUpstreamSocket());
    assertEquals("07", relay.getPluginIndex());
    assertEquals(Duration.ofMillis(100), relay.getDeadlineMargin());
    assertEquals("edge-relay", relay.getPluginName());
    assertTrue(relay.isValidateUpstream());
    assertEquals(Duration.ofMillis(500), relay.getReconnectDelay(), "what no source sets keeps its default");
    assertEquals(yaml + ":3", cfg.setting("relay.upstreamSocket").source());
    assertEquals("environment variable NRI_VERTX_RELAY_PLUGIN_NAME", cfg.setting("relay.pluginName").source());
    String printed = ConfigPrinter.print(cfg);
    assertTrue(printed.contains("\nrelay:\n"), printed);
    assertTrue(printed.matches("(?s).*\\n  upstreamSocket: \"/run/up.sock\" +# " + Path.of(yaml.toString()) + ":3\\n.*"),
        printed);
    NriConfig back = new ConfigLoader().apply(NriConfig.defaults(), printed, "printed");
    assertEquals(relay.toJson(), back.relay().toJson(), "--print reads back");
  }

  @Test
  void badValuesNameTheKeyAndTheLine() throws IOException {
    Path index = Files.writeString(dir.resolve("index.yaml"), "relay:\n  pluginIndex: 50\n");
    ConfigException e = assertThrows(ConfigException.class, () -> NriConfig.load(index));
    assertTrue(e.getMessage().contains(index + ":2") && e.getMessage().contains("relay.pluginIndex"), e.getMessage());
    Path typo = Files.writeString(dir.resolve("typo.yaml"), "relay:\n  upstream: /x\n");
    e = assertThrows(ConfigException.class, () -> NriConfig.load(typo));
    assertTrue(e.getMessage().contains("unknown key") && e.getMessage().contains("upstreamSocket"), e.getMessage());
    Path name = Files.writeString(dir.resolve("name.yaml"), "relay:\n  pluginName: \"no spaces\"\n");
    e = assertThrows(ConfigException.class, () -> NriConfig.load(name));
    assertTrue(e.getMessage().contains("invalid character"), e.getMessage());
  }
}
