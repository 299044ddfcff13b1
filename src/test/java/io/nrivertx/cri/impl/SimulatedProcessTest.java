package io.nrivertx.cri.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedProcessTest {
  private static SimulatedProcess of(Map<String, String> annotations, String... args) {
    return SimulatedProcess.of(new JsonObject().put("process", new JsonObject().put("args", new JsonArray(List.of(args))))
        .put("annotations", new JsonObject(new java.util.HashMap<>(annotations))));
  }

  private static SimulatedProcess of(String... args) {
    return of(Map.of(), args);
  }

  @Test
  void commandsThatEnd() {
    assertEquals(new SimulatedProcess(0, 1, List.of()), of("sh", "-c", "exit 1"));
    assertEquals(new SimulatedProcess(0, 0, List.of()), of("/bin/true"));
    assertEquals(new SimulatedProcess(0, 1, List.of()), of("false"));
    assertEquals(new SimulatedProcess(2500, 0, List.of()), of("sleep", "2.5"));
    assertEquals(new SimulatedProcess(0, 0, List.of("hello world")), of("echo", "hello", "world"));
    assertEquals(new SimulatedProcess(0, 0, List.of("a 1", "b")), of("printf", "a %s\\nb\\n", "1"));
    assertEquals(new SimulatedProcess(1000, 4, List.of("it's up", "x;y")),
        of("/bin/sh", "-c", "echo \"it's up\" && sleep 1; echo 'x;y'; exit 260"));
    assertEquals(new SimulatedProcess(0, 2, List.of()), of("sh", "-c", "exit nope"));
    assertEquals(new SimulatedProcess(0, 0, List.of("a\\nb")), of("sh", "-c", "printf \"%s\" 'a\\nb'"));
  }

  @Test
  void commandsThatRun() {
    for (String[] args : List.of(new String[] {"top"}, new String[] {"/bin/sh"}, new String[] {"sleep", "infinity"},
        new String[] {"sh", "-c", "echo started; while true; do sleep 1; done"}, new String[] {})) {
      assertFalse(of(args).exits(), List.of(args).toString());
    }
  }

  @Test
  void annotationsMakeAnyContainerExit() {
    assertEquals(new SimulatedProcess(1500, 9, List.of()),
        of(Map.of(SimulatedProcess.EXIT_AFTER, "1.5s", SimulatedProcess.EXIT_CODE, "9"), "top"));
    assertEquals(new SimulatedProcess(60_000, 0, List.of()), of(Map.of(SimulatedProcess.EXIT_AFTER, "1m"), "top"));
    assertNull(SimulatedProcess.check(Map.of(SimulatedProcess.EXIT_AFTER, "250ms")));
    assertTrue(SimulatedProcess.check(Map.of(SimulatedProcess.EXIT_AFTER, "soon")).contains("\"soon\""));
    assertTrue(SimulatedProcess.check(Map.of(SimulatedProcess.EXIT_AFTER, "1s", SimulatedProcess.EXIT_CODE, "300"))
        .contains("0..255"));
    assertFalse(of(Map.of(SimulatedProcess.EXIT_AFTER, "soon"), "top").exits(), "a bad annotation added later is ignored");
  }

  @Test
  void envEntriesReplaceByKey() {
    List<String> env = new java.util.ArrayList<>(List.of("PATH=/bin", "HOSTNAME=h"));
    SpecGenerator.setEnv(env, "PATH=/usr/bin");
    SpecGenerator.setEnv(env, "PATHX=1");
    SpecGenerator.setEnv(env, "HOSTNAME");
    assertEquals(List.of("PATH=/usr/bin", "PATHX=1"), env);
  }
}
