package io.nrivertx.stub;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Go stub's identity precedence: environment, options, executable name (docs/protocol.md, "The stub's identity and socket"). */
class PluginIdentityTest {

  @ParameterizedTest(name = "env {0}/{1}, options {2}/{3}, exe {4} -> {5}")
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      // envName | envIdx | optName | optIdx | executable                | expected id or error
      "logger    | 10     | -       | -      | -                         | 10-logger",
      "logger    | 10     | -       | 10     | -                         | 10-logger",
      "logger    | 10     | other   | -      | -                         | 10-other",
      "logger    | 10     | -       | 20     | -                         | ERR plugin index already set",
      "-         | -      | demo    | 05     | -                         | 05-demo",
      "-         | 07     | -       | -      | /opt/nri/plugins/wrapper  | 07-wrapper",
      "-         | -      | -       | 07     | 30-wrapper                | 07-30-wrapper",
      "-         | -      | -       | -      | /opt/nri/plugins/30-my-plug | 30-my-plug",
      "-         | -      | demo    | -      | /opt/nri/plugins/30-logger | 30-logger",
      "-         | -      | -       | -      | 30-                       | 30-",
      "-         | -      | -       | -      | logger                    | ERR invalid plugin name \"logger\", idx-pluginname expected",
      "-         | -      | -       | -      | 3x-logger                 | ERR invalid plugin index \"3x\" (not [0-9][0-9])",
      "-         | -      | demo    | -      | -                         | ERR plugin index unknown",
      "-         | 07     | -       | -      | -                         | ERR plugin name unknown",
      "-         | -      | demo    | 123    | -                         | ERR invalid plugin index \"123\", must be 2 digits",
  })
  void precedence(String envName, String envIdx, String optName, String optIdx, String exe, String expected) {
    Map<String, String> env = new HashMap<>();
    if (envName != null) {
      env.put(PluginIdentity.NAME_ENV, envName);
    }
    if (envIdx != null) {
      env.put(PluginIdentity.INDEX_ENV, envIdx);
    }
    StubOptions options = new StubOptions().setName(optName).setIndex(optIdx).setExecutableName(exe);
    if (expected.startsWith("ERR ")) {
      StubException e = assertThrows(StubException.class, () -> PluginIdentity.resolve(env, options));
      assertTrue(e.getMessage().startsWith(expected.substring(4)), e.getMessage());
    } else {
      assertEquals(expected, PluginIdentity.resolve(env, options).id());
    }
  }
}
