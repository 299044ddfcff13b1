package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NriConfigTest {
  private final ConfigLoader loader = new ConfigLoader();
  private final NriConfig builtIn = new NriConfig(new NriOptions(), NriConfig.DEFAULT_NAMESPACE);

  @Test
  void embeddedDefaultsMatchTheDocumentedFile() throws IOException {
    NriConfig defaults = NriConfig.defaults();
    NriConfig fromConf = loader.apply(builtIn, Files.readString(Path.of("conf/nri-vertx.yaml")), "conf/nri-vertx.yaml");
    assertEquals(fromConf.options().toJson(), defaults.options().toJson());
    assertEquals("/var/run/nri/nri.sock", defaults.options().getSocketPath());
    assertEquals(Duration.ofSeconds(5), defaults.options().getRegistrationTimeout());
    assertEquals(Duration.ofSeconds(2), defaults.options().getRequestTimeout());
    assertEquals("k8s.io", defaults.namespace());
    assertFalse(defaults.options().isDisableConnections());
  }

  @Test
  void everyKeyIsRead() {
    NriConfig cfg = loader.apply(builtIn, """
        socketPath: /tmp/x/nri.sock
        disableConnections: true
        pluginRegistrationTimeout: 1m30s
        pluginRequestTimeout: 1500ms
        runtimeName: test-runtime
        busPrefix: nri.test
        namespace: moby
        """, "t.yaml");
    NriOptions o = cfg.options();
    assertEquals("/tmp/x/nri.sock", o.getSocketPath());
    assertTrue(o.isDisableConnections());
    assertEquals(Duration.ofSeconds(90), o.getRegistrationTimeout());
    assertEquals(Duration.ofMillis(1500), o.getRequestTimeout());
    assertEquals("test-runtime", o.getRuntimeName());
    assertEquals("nri.test", o.getBusPrefix());
    assertEquals("moby", cfg.namespace());
  }

  @Test
  void aFileOverridesOnlyTheKeysItSets(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("c.yaml"), "# only the timeout\npluginRequestTimeout: 3s\n");
    NriConfig cfg = NriConfig.load(file);
    assertEquals(Duration.ofSeconds(3), cfg.options().getRequestTimeout());
    assertEquals(Duration.ofSeconds(5), cfg.options().getRegistrationTimeout());
    assertEquals("/var/run/nri/nri.sock", cfg.options().getSocketPath());
  }

  @Test
  void emptyFileAndZeroTimeoutKeepTheDefaults() {
    assertEquals(builtIn.options().toJson(), loader.apply(builtIn, "# nothing\n", "e.yaml").options().toJson());
    NriConfig zero = loader.apply(builtIn, "pluginRequestTimeout: \"0\"\npluginRegistrationTimeout: 0s\n", "z.yaml");
    assertEquals(Duration.ofSeconds(2), zero.options().getRequestTimeout());
    assertEquals(Duration.ofSeconds(5), zero.options().getRegistrationTimeout());
  }

  @Test
  void wasmSettings() {
    NriConfig cfg = loader.apply(builtIn, "wasmMemoryLimit: 64MiB\nwasmCompile: false\nwasmCacheDir: /var/cache/w\n", "w.yaml");
    assertEquals(64L << 20, cfg.options().getWasm().getMemoryLimit());
    assertFalse(cfg.options().getWasm().isCompile());
    assertEquals("/var/cache/w", cfg.options().getWasm().getCacheDir());
    assertEquals(1L << 30, loader.apply(builtIn, "wasmMemoryLimit: 1073741824\n", "b.yaml").options().getWasm().getMemoryLimit());
    assertEquals(512L << 20, builtIn.options().getWasm().getMemoryLimit());
  }

  @Test
  void overridesFromTheCommandLine() {
    NriConfig cfg = builtIn.withSocketPath("/run/a.sock").withNamespace("ns");
    assertEquals("/run/a.sock", cfg.options().getSocketPath());
    assertEquals("ns", cfg.namespace());
    assertEquals(NriOptions.DEFAULT_SOCKET, builtIn.options().getSocketPath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "socketPath: /a\\nsocketPth: /b|bad config f.yaml:2: socketPth: unknown key (expected one of socketPath,",
      "pluginRequestTimeout: 2 seconds|bad config f.yaml:1: pluginRequestTimeout: expected a Go duration such as",
      "pluginRequestTimeout: 2|f.yaml:1: pluginRequestTimeout: expected a Go duration such as \"2s\"",
      "\\n\\npluginRegistrationTimeout: -5s|f.yaml:3: pluginRegistrationTimeout: expected a positive duration",
      "disableConnections: 'no'|f.yaml:1: disableConnections: expected true or false, got \"no\"",
      "runtimeName: 12|f.yaml:1: runtimeName: expected the runtime name plugins see in Configure, got the number",
      "namespace:|f.yaml:1: namespace: expected a namespace such as \"k8s.io\", got nothing",
      "socketPath: ''|f.yaml:1: socketPath: expected an absolute or relative socket path, got an empty string",
      "- socketPath: /a|f.yaml:1: expected a mapping (key: value), got a list",
      "socketPath: /a\\nsocketPath: /b|f.yaml:2: socketPath: duplicate key",
      "socketPath: [/a|f.yaml:1: not valid YAML",
      "wasmMemoryLimit: 12 parsecs|f.yaml:1: wasmMemoryLimit: expected a size such as \"512MiB\"",
      "wasmMemoryLimit: 8GiB|f.yaml:1: wasmMemoryLimit: expected a size such as \"512MiB\", \"1GiB\" or a number of bytes (64KiB to 4GiB), got 8589934592 bytes",
      "wasmMemoryLimit: 1024|f.yaml:1: wasmMemoryLimit: expected a size",
  })
  void badFilesNameFileLineKeyAndForm(String yaml, String message) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.apply(builtIn, yaml.replace("\\n", "\n"), "f.yaml"));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class, () -> NriConfig.load(dir.resolve("nope.yaml")));
    assertTrue(e.getMessage().contains("nope.yaml: no such file"), e.getMessage());
  }
}
