package io.nrivertx.stub.v010.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.stub.v010.V010Exception;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** conf.json and the plugins' result JSON, read as NRI v0.1.0 reads them. */
class V010ParsingTest {

  @Test
  void configurationListsPluginsInOrderWithTheirConf() {
    V010Config c = V010Config.parse("""
        {"version": "0.1", "plugins": [
          {"type": "clearcfs", "conf": {"qos": "ls"}},
          {"type": "/opt/other/bin/plugin"}
        ]}""", "test");
    assertEquals("0.1", c.version());
    assertEquals(List.of("clearcfs", "/opt/other/bin/plugin"), c.plugins().stream().map(V010Config.Plugin::type).toList());
    assertEquals(new JsonObject().put("qos", "ls"), c.plugins().get(0).conf());
    assertNull(c.plugins().get(1).conf());
  }

  @Test
  void aMissingFileMeansNoPlugins(@TempDir Path dir) throws Exception {
    assertEquals(new V010Config("0.1", List.of()), V010Config.load(dir.resolve("conf.json")));
    Files.writeString(dir.resolve("conf.json"), "{\"version\": \"0.2\"}");
    assertEquals(new V010Config("0.2", List.of()), V010Config.load(dir.resolve("conf.json")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"plugins\": [{\"conf\": {}}]} | plugins[0] needs a \"type\"",
      "{\"plugins\": [null]} | plugins[0] needs a \"type\"",
      "{\"plugins\": {}} | \"plugins\" a list",
      "[] | expected an object",
      "{version: 1 | not JSON",
  })
  void badConfigurationNamesTheFileAndTheProblem(String text, String problem) {
    V010Exception e = assertThrows(V010Exception.class, () -> V010Config.parse(text, "/etc/nri/conf.json"));
    assertTrue(e.getMessage().startsWith("invalid NRI v0.1 configuration /etc/nri/conf.json: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void resultsAsGoDecodesThem() {
    assertEquals(new V010Result("clearcfs", "0.1", "", Map.of("cfs", "removed")),
        V010Result.parse("{\"plugin\":\"clearcfs\",\"version\":\"0.1\",\"error\":\"\",\"metadata\":{\"cfs\":\"removed\"}}\n"));
    assertEquals(new V010Result("x", "", "boom", Map.of()), V010Result.parse("{\"Plugin\":\"x\",\"ERROR\":\"boom\",\"extra\":1}"),
        "names match ignoring case; unknown fields ignored");
    assertEquals(new V010Result("", "", "", Map.of()), V010Result.parse("null"), "Go decodes null into an empty result");
    assertEquals("{\"plugin\":\"x\",\"version\":\"\",\"error\":\"\"}", new V010Result("x", "", "", Map.of()).toJson().encode());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "'' | not a JSON result",
      "garbage | not a JSON result",
      "[1] | expected an object",
      "{\"error\": 1} | \"error\" must be a string",
      "{\"metadata\": {\"a\": 1}} | \"metadata\" values must be strings",
      "{} {} | not a JSON result",
  })
  void badResults(String output, String problem) {
    V010Exception e = assertThrows(V010Exception.class, () -> V010Result.parse(output));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void searchPathIsPathThenTheBinDirsAndPluginsDoNotInheritTheRuntimesSocket() {
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", "/root", "NRI_PLUGIN_SOCKET", "3",
        "NRI_PLUGIN_IDX", "00", "NRI_PLUGIN_NAME", "v010-adapter");
    List<String> path = Executables.searchPath(env, List.of("/opt/nri/bin"));
    assertEquals(List.of("/usr/bin", "/bin", "/opt/nri/bin"), path);
    assertEquals(Map.of("PATH", "/usr/bin:/bin:/opt/nri/bin", "HOME", "/root"), Executables.childEnvironment(env, path));
    assertEquals(List.of("/opt/nri/bin"), Executables.searchPath(Map.of(), List.of("/opt/nri/bin")),
        "a runtime-launched adapter has no PATH");
  }

  @Test
  void lookupSkipsRelativeDirsAndNonExecutables(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    Files.writeString(a.resolve("p"), "not executable");
    Path exe = Files.writeString(b.resolve("p"), "#!/bin/sh\n");
    exe.toFile().setExecutable(true);
    assertEquals(exe, Executables.find("p", List.of("", "relative", a.toString(), b.toString())));
    assertEquals(exe, Executables.find(exe.toString(), List.of()));
    V010Exception e = assertThrows(V010Exception.class, () -> Executables.find("q", List.of(a.toString())));
    assertEquals("executable file not found in " + a + " (install it in one of these directories, or fix \"type\" in "
        + "the v0.1 configuration)", e.getMessage());
  }
}
