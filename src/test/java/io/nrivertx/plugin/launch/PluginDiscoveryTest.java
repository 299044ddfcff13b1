package io.nrivertx.plugin.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Discovery of pre-installed plugins with NRI's rules (pkg/adaptation discoverPlugins, ParsePluginName). */
class PluginDiscoveryTest {
  @TempDir
  Path root;
  Path plugins;
  Path conf;

  @BeforeEach
  void dirs() throws IOException {
    plugins = Files.createDirectories(root.resolve("plugins"));
    conf = Files.createDirectories(root.resolve("conf.d"));
  }

  private Path executable(String name) throws IOException {
    Path p = Files.writeString(plugins.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-x---"));
    return p;
  }

  private List<String> ids() {
    return PluginDiscovery.scan(plugins, conf).stream().map(PluginFile::id).toList();
  }

  @Test
  void executablesAndSymlinksInNameOrderDirectoriesAndPlainFilesSkipped() throws IOException {
    Path target = Files.writeString(root.resolve("real-binary"), "#!/bin/sh\n");
    Files.createSymbolicLink(plugins.resolve("05-linked"), target); // not executable itself: a link counts as one
    executable("20-b-with-dashes");
    executable("10-a");
    Files.createDirectories(plugins.resolve("15-a-directory"));
    Files.writeString(plugins.resolve("30-not-executable"), "data");
    Files.writeString(plugins.resolve("README"), "not executable, so its name does not matter");
    assertEquals(List.of("05-linked", "10-a", "20-b-with-dashes"), ids());
    PluginFile dashed = PluginDiscovery.scan(plugins, conf).get(2);
    assertEquals("20", dashed.index());
    assertEquals("b-with-dashes", dashed.name(), "split at the first '-' only");
  }

  @Test
  void anEmptyBaseNameIsAcceptedAsNriDoes() throws IOException {
    executable("42-");
    PluginFile p = PluginDiscovery.scan(plugins, conf).getFirst();
    assertEquals("42", p.index());
    assertEquals("", p.name());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "logger|invalid plugin name \"logger\", idx-pluginname expected",
      "1-logger|invalid plugin index \"1\" in \"1-logger\", must be 2 digits",
      "100-logger|invalid plugin index \"100\" in \"100-logger\", must be 2 digits",
      "a1-logger|invalid plugin index \"a1\" in \"a1-logger\" (not [0-9][0-9])",
  })
  void aBadlyNamedExecutableStopsDiscoveryAsInNri(String file, String message) throws IOException {
    executable("10-fine");
    executable(file);
    LaunchException e = assertThrows(LaunchException.class, () -> PluginDiscovery.scan(plugins, conf));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("plugin directory " + plugins), e.getMessage());
    assertTrue(e.getMessage().contains("rename them"), e.getMessage());
  }

  @Test
  void everyBadNameIsListedAtOnce() throws IOException {
    executable("x");
    executable("y");
    LaunchException e = assertThrows(LaunchException.class, () -> PluginDiscovery.scan(plugins, conf));
    assertTrue(e.getMessage().contains("\"x\"") && e.getMessage().contains("\"y\""), e.getMessage());
  }

  @Test
  void dropInConfigIndexedFileFirstThenBaseName() throws IOException {
    executable("10-both");
    executable("20-base");
    executable("30-none");
    Files.writeString(conf.resolve("10-both.conf"), "indexed");
    Files.writeString(conf.resolve("both.conf"), "base");
    Files.writeString(conf.resolve("base.conf"), "only base");
    List<PluginFile> found = PluginDiscovery.scan(plugins, conf);
    assertEquals("indexed", found.get(0).config());
    assertEquals(conf.resolve("10-both.conf"), found.get(0).configFile());
    assertEquals("only base", found.get(1).config());
    assertEquals("", found.get(2).config());
    assertNull(found.get(2).configFile());
  }

  @Test
  void anUnreadableDropInFailsNamingThePlugin() throws IOException {
    executable("10-x");
    Files.createDirectories(conf.resolve("10-x.conf")); // reading a directory fails, even for root
    LaunchException e = assertThrows(LaunchException.class, () -> PluginDiscovery.scan(plugins, conf));
    assertTrue(e.getMessage().startsWith("failed to read configuration for plugin \"10-x\""), e.getMessage());
  }

  @Test
  void missingDirectoriesMeanNoPluginsAndNoConfig() throws IOException {
    assertEquals(List.of(), PluginDiscovery.scan(root.resolve("absent"), conf));
    assertEquals(List.of(), PluginDiscovery.scan(null, conf));
    executable("10-x");
    assertEquals("", PluginDiscovery.scan(plugins, root.resolve("absent")).getFirst().config());
    Path file = Files.writeString(root.resolve("file"), "");
    assertThrows(LaunchException.class, () -> PluginDiscovery.scan(file, conf));
  }

  @Test
  void webAssemblyModulesAreFoundByContentWithTheirFullName() throws IOException {
    Files.write(executable("10-filter.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 42});
    Files.write(executable("15-magic-only"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Files.write(executable("20-native"), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
    Files.writeString(conf.resolve("filter.wasm.conf"), "k: v");
    List<PluginFile> found = PluginDiscovery.scan(plugins, conf);
    assertEquals(List.of("10-filter.wasm", "15-magic-only", "20-native"), found.stream().map(PluginFile::id).toList());
    assertEquals(List.of(true, true, false), found.stream().map(PluginFile::wasm).toList());
    assertEquals("k: v", found.getFirst().config());
  }

  @Test
  void aWebAssemblyModuleWithoutExecuteBitIsSkippedAsInNri() throws IOException {
    Files.write(plugins.resolve("10-filter.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    assertEquals(List.of(), ids());
  }
}
