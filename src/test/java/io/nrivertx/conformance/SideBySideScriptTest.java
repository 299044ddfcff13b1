package io.nrivertx.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The side-by-side script format and the normalizer's rules, without any runtime. */
class SideBySideScriptTest {
  @Test
  void theShippedScriptLoads() {
    List<CriScript> scripts = SideBySide.scripts(Path.of(System.getProperty("nri.project.dir", ".")));
    CriScript s = scripts.get(0);
    assertEquals("lifecycle", s.name());
    assertTrue(s.steps().stream().anyMatch(st -> st.op().equals("refused")), s.steps().toString());
    assertTrue(s.steps().stream().anyMatch(st -> st.op().equals("exited")), s.steps().toString());
    assertEquals(List.of("--timeout", "10"), s.steps().stream().filter(st -> st.op().equals("stop")).findFirst()
        .orElseThrow().flags());
  }

  @Test
  void badScriptsNameWhatIsWrong() {
    String pods = "pods: {web: {}}\ncontainers: {app: {pod: web, config: {}}}\n";
    assertEquals("step \"jump app\": unknown operation \"jump\" (runp, stopp, rmp, create, start, update, stop, rm,"
        + " exited, refused)", message(pods + "steps: [jump app]"));
    assertTrue(message(pods + "steps: [start nope]").contains("no container \"nope\""));
    assertTrue(message(pods + "steps: [runp]").contains("give OP NAME"));
    assertTrue(message("pods: {}\ncontainers: {app: {pod: web}}").contains("containers.app.pod: no pod \"web\""));
    assertTrue(message("podz: {}").contains("unknown key \"podz\""));
  }

  private static String message(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> CriScript.parse("t", yaml)).getMessage();
  }

  @Test
  void theNormalizerReplacesWhatDiffersByNatureAndNothingElse() {
    String pod = "a".repeat(64);
    CriScriptPlayer.Run run = new CriScriptPlayer.Run("containerd", Map.of("web", pod),
        List.of(new JsonObject().put("step", "runp web").put("ok", true),
            new JsonObject().put("step", "refused x").put("ok", true)
                .put("error", "time=\"2026-12-06T01:02:03Z\" level=fatal msg=\"boom\"\nE1206 01:02:03.456789   4242 x.go:1] y")),
        Map.of(), List.of(new JsonObject().put("event", "RunPodSandbox").put("time", "now")
            .put("pod", new JsonObject().put("id", pod).put("pid", 77).put("createdAt", "123")
                .put("linux", new JsonObject().put("cgroupsPath", "/p/" + pod)
                    .put("namespaces", List.of(Map.of("type", "ipc", "path", "/proc/77/ns/ipc")))))
            .put("image", "sha256:" + "b".repeat(64)).put("hostname", "/priv/root/x")));
    JsonObject n = SideBySideNormalizer.normalize(run, Map.of("/priv/root", "/var/lib/containerd"));
    JsonObject line = n.getJsonArray("nri").getJsonObject(0);
    assertEquals(new JsonObject().put("event", "RunPodSandbox").put("pod", new JsonObject().put("id", "<pod web>")
        .put("pid", "<pid>").put("createdAt", "<time>").put("linux", new JsonObject().put("cgroupsPath", "/p/<pod web>")
            .put("namespaces", List.of(Map.of("type", "ipc", "path", "/proc/<pid>/ns/ipc")))))
        .put("image", "<image id>").put("hostname", "/var/lib/containerd/x"), line);
    assertEquals("level=fatal msg=\"boom\"\nE x.go:1] y", n.getJsonArray("steps").getJsonObject(1).getString("error"));
  }
}
