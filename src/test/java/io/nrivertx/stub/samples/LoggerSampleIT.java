package io.nrivertx.stub.samples;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LifecycleDriver;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logger sample, run in-process from its command line against a real nri-vertx. */
class LoggerSampleIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PID_VALUE = "logger-pid-" + ProcessHandle.current().pid();

  @Test
  void jsonLogShowsExistingStateThenEveryEventAndTheAdjustmentsApply() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      rt.domain.putContainer(rt.container("ctr0", "pod0", "nginx", ContainerState.CONTAINER_RUNNING));
      NriRuntime nri = rt.start();
      Path log = rt.file("logger.jsonl");
      Stub logger = await(LoggerMain.start(rt.vertx, env(), "-idx", "30", "-socket-path", rt.socket.toString(),
          "-log-file", log.toString(), "-format", "json", "-add-annotation", "logged-by", "-set-env", "LOGGER"));
      Path goLog = rt.file("recorder.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", goLog.toString());
      rt.awaitPlugins(List.of("30-logger", "50-recorder"));

      PodSandbox pod = rt.pod("pod1", "db");
      CreateContainerResponse created = LifecycleDriver.runAll(rt, nri, pod);
      assertEquals(PID_VALUE, created.getAdjust().getAnnotationsMap().get("logged-by"));
      assertEquals(List.of("LOGGER"), created.getAdjust().getEnvList().stream().map(KeyValue::getKey).toList(),
          "set = remove + add; a removal of a key nobody set is not forwarded");

      List<JsonObject> goLines = new JsonLines(goLog).await(l -> l.size() >= 15, WAIT);
      List<String> goEvents = goLines.stream().map(l -> l.getString("event")).toList();
      List<JsonObject> lines = new JsonLines(log).await(l -> l.stream().anyMatch(
          JsonLines.isEvent("RemovePodSandbox")), WAIT);
      List<String> events = lines.stream().map(l -> l.getString("event")).toList();
      assertEquals(goEvents, events.stream().filter(e -> !e.equals("ValidateContainerAdjustment")).toList(),
          "the logger logs what the Go plugin sees");
      assertTrue(events.contains("ValidateContainerAdjustment"), "by default the logger also validates");
      assertTrue(lines.stream().allMatch(l -> "30-logger".equals(l.getString("plugin"))));

      JsonObject sync = lines.get(events.indexOf("Synchronize"));
      assertEquals("pod0", sync.getJsonArray("pods").getJsonObject(0).getString("id"));
      assertEquals("ctr0", sync.getJsonArray("containers").getJsonObject(0).getString("id"));
      JsonObject goCreate = goLines.get(goEvents.indexOf("CreateContainer")).getJsonObject("container");
      assertEquals(PID_VALUE, goCreate.getJsonObject("annotations").getString("logged-by"));
      assertTrue(goCreate.getJsonArray("env").contains("LOGGER=" + PID_VALUE), goCreate.encode());
      assertEquals("pod1", lines.get(events.indexOf("CreateContainer")).getJsonObject("container")
          .getString("pod_sandbox_id"), "proto field names, as NRI's YAML");
      await(logger.stop());
    }
  }

  @Test
  void yamlLogOfPodEventsOnly() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      NriRuntime nri = rt.start();
      Path log = rt.file("logger.log");
      Stub logger = await(LoggerMain.start(rt.vertx, env(), "-idx", "31", "-name", "pods", "-socket-path",
          rt.socket.toString(), "-log-file", log.toString(), "-events", "pod"));
      rt.awaitPlugins(List.of("31-pods"));
      LifecycleDriver.runAll(rt, nri, rt.pod("pod1", "db"));
      String text = waitFor(log, "RemovePodSandbox: pod:");
      assertTrue(text.contains("[31-pods] Synchronize: pods:"), text);
      assertTrue(text.contains("[31-pods] RunPodSandbox: pod:\n"), text);
      assertTrue(text.lines().anyMatch(l -> l.endsWith("[31-pods] RunPodSandbox:    id: pod1")), text);
      assertFalse(text.contains("CreateContainer"), "not subscribed to container events");
      await(logger.stop());
    }
  }

  private static StubOptions env() {
    return new StubOptions().setEnvironment(Map.of());
  }

  private static String waitFor(Path file, String text) throws Exception {
    java.util.function.Supplier<String> content = () -> {
      try {
        return Files.exists(file) ? Files.readString(file) : "(no file " + file + ")";
      } catch (java.io.IOException e) {
        return "(unreadable " + file + ": " + e + ")";
      }
    };
    try {
      return io.nrivertx.testing.Waiting.until(content, c -> c.contains(text), WAIT, c -> c);
    } catch (AssertionError notThere) {
      return content.get(); // the caller's assertion says what is missing
    }
  }
}
