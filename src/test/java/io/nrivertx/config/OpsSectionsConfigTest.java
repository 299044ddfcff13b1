package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.ops.MetricsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metrics:, tracing: and logging: sections: YAML, environment, properties, --print. */
class OpsSectionsConfigTest {
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsAreTheDocumentedOnes() {
    NriConfig cfg = NriConfig.defaults();
    assertEquals(MetricsOptions.DEFAULT_ADDRESS, cfg.metrics().getAddress());
    assertEquals("nri", cfg.metrics().getPrefix());
    assertEquals(false, cfg.tracing().isEnabled());
    assertEquals("http://127.0.0.1:4318/v1/traces", cfg.tracing().getEndpoint());
    assertEquals(1.0, cfg.tracing().getSampleRatio());
    assertEquals("info", cfg.logging().getLevel());
    assertEquals("text", cfg.logging().getFormat());
  }

  @Test
  void aSectionSetsOnlyItsKeysAndEachKeyKeepsItsSource() {
    NriConfig cfg = loader.apply(NriConfig.defaults(), """
        metrics:
          prefix: containerd_nri
        tracing:
          enabled: true
          sampleRatio: 0.25
        logging: {format: json}
        """, "f.yaml");
    assertEquals("containerd_nri", cfg.metrics().getPrefix());
    assertEquals(MetricsOptions.DEFAULT_ADDRESS, cfg.metrics().getAddress());
    assertEquals("f.yaml:2", cfg.setting("metrics.prefix").source());
    assertTrue(cfg.setting("metrics.address").source().startsWith("embedded conf/nri-vertx.yaml:"));
    assertEquals(true, cfg.tracing().isEnabled());
    assertEquals(0.25, cfg.tracing().getSampleRatio());
    assertEquals("json", cfg.logging().getFormat());
    assertEquals("info", cfg.logging().getLevel());
  }

  @Test
  void environmentAndPropertiesNameSectionKeys() {
    NriConfig cfg = NriConfig.resolve(new ConfigSources(null, null, Map.of("NRI_VERTX_METRICS_ADDRESS", "0.0.0.0:9500",
        "NRI_VERTX_TRACING_SERVICE_NAME", "node-a"), Map.of("nrivertx.logging.level", "debug")));
    assertEquals("0.0.0.0:9500", cfg.metrics().getAddress());
    assertEquals("environment variable NRI_VERTX_METRICS_ADDRESS", cfg.setting("metrics.address").source());
    assertEquals("node-a", cfg.tracing().getServiceName());
    assertEquals("debug", cfg.logging().getLevel());
    assertEquals("system property nrivertx.logging.level", cfg.setting("logging.level").source());
    assertEquals("", cfg.override("metrics.address", "", "--metrics-address").metrics().getAddress(),
        "\"\" turns the endpoint off");
  }

  @Test
  void printedSectionsReadBackAsTheyWere(@TempDir Path dir) throws Exception {
    NriConfig cfg = loader.apply(NriConfig.defaults(), "metrics: {address: '[::1]:0', prefix: x_y}\n"
        + "tracing: {sampleRatio: 0}\n", "f.yaml");
    String printed = ConfigPrinter.print(cfg);
    assertTrue(printed.contains("\nmetrics:\n  address: \"[::1]:0\""), printed);
    assertTrue(printed.contains("  prefix: \"x_y\""), printed);
    NriConfig back = NriConfig.load(Files.writeString(dir.resolve("printed.yaml"), printed));
    assertEquals("[::1]:0", back.metrics().getAddress());
    assertEquals("x_y", back.metrics().getPrefix());
    assertEquals(0.0, back.tracing().getSampleRatio());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "metrics: {adress: x}|f.yaml:1: metrics.adress: unknown key (expected one of address, prefix)",
      "metrics: {address: 9464}|f.yaml:1: metrics.address: expected host:port",
      "metrics: {address: 'localhost'}|f.yaml:1: metrics.address: expected host:port",
      "metrics: {address: 'h:70000'}|metrics.address: expected host:port",
      "metrics: {prefix: 'nri-vertx'}|f.yaml:1: metrics.prefix: expected a metric name prefix",
      "metrics: 5|f.yaml:1: metrics: expected a mapping",
      "tracing: {enabled: 'yes'}|tracing.enabled: expected true or false",
      "tracing: {endpoint: 'collector:4318'}|tracing.endpoint: expected an OTLP/HTTP traces URL",
      "tracing: {sampleRatio: 1.5}|tracing.sampleRatio: expected a number from 0 to 1, got 1.5",
      "tracing: {sampleRatio: 'half'}|tracing.sampleRatio: expected a number from 0 to 1",
      "logging: {level: verbose}|f.yaml:1: logging.level: expected one of error, warn, info, debug, trace, got \"verbose\"",
      "logging: {format: xml}|logging.format: expected one of text, json",
      "metric: {}|f.yaml:1: metric: unknown key (expected one of socketPath,",
  })
  void badSectionsNameTheKey(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.apply(NriConfig.defaults(), yaml, "f.yaml"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aBadFlagNamesTheFlag() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> NriConfig.defaults().override("logging.level", "loud", "--log-level"));
    assertTrue(e.getMessage().startsWith("bad --log-level \"loud\": expected one of error, warn"), e.getMessage());
  }
}
