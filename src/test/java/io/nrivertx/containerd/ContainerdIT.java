package io.nrivertx.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness itself, with the official Go test plugins connected straight to a real containerd:
 * a recorder sees containerd's documented event sequence, an adjuster's env var and memory limit
 * show in {@code crictl inspect} and inside the running container, and after a containerd restart
 * the running container survives and a plugin that connects again is synchronized with it.
 */
class ContainerdIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long LIMIT = 96L << 20;

  static List<String> versions() {
    return Binaries.CONTAINERD_VERSIONS;
  }

  @ParameterizedTest(name = "containerd {0}")
  @MethodSource("versions")
  void pluginsSeeContainerdsEventsAndAdjustTheContainer(String version) throws IOException {
    Path dir = runDir(version);
    Path adjusterConfig = Files.writeString(dir.resolve("adjuster.json"), new JsonObject().put("work",
        new JsonObject().put("adjust", new JsonObject()
            .put("env", List.of(Map.of("key", "NRI_ADJUSTED", "value", "by-adjuster")))
            .put("linux", Map.of("resources", Map.of("memory", Map.of("limit", Map.of("value", LIMIT)))))))
        .encodePrettily());
    try (Containerd containerd = Containerd.start(new ContainerdOptions().version(version));
         GoPlugin adjuster = plugin(GoPeers.adjuster(), "adjuster", "10", containerd, dir, "-config",
             adjusterConfig.toString());
         GoPlugin recorder = afterConfigure(dir.resolve("adjuster.jsonl"),
             () -> plugin(GoPeers.recorder(), "recorder", "50", containerd, dir))) {
      // containerd registers external plugins one at a time: the recorder's Synchronize comes
      // after the adjuster's (which logs only Configure) is done.
      JsonLines recorded = new JsonLines(dir.resolve("recorder.jsonl"));
      recorded.awaitEvent("Synchronize", WAIT);

      CriLifecycle pod = new CriLifecycle(containerd.pods(), "harness");
      String id = pod.runAndStart("work", Map.of("FROM_CRI", "yes"));
      assertTrue(containerd.pods().specEnv(id).contains("NRI_ADJUSTED=by-adjuster"),
          "crictl inspect: " + containerd.pods().specEnv(id));
      List<String> inside = awaitOutput(containerd, pod, "work");
      assertTrue(inside.contains("env NRI_ADJUSTED=by-adjuster") && inside.contains("env FROM_CRI=yes"),
          "inside the container: " + inside);
      assertTrue(inside.contains("cgroup memory/memory.limit_in_bytes " + LIMIT)
          || inside.contains("cgroup memory.max " + LIMIT), "inside the container: " + inside);
      pod.updateStopRemove(512);

      recorded.await(lines -> events(lines).size() >= CriLifecycle.EVENTS.size(), WAIT);
      assertEquals(CriLifecycle.EVENTS, events(recorded.read()), "events of a plugin connected to containerd");
      JsonObject update = recorded.events("UpdateContainer").get(0);
      assertEquals("512", update.getJsonObject("linuxResources").getJsonObject("cpu").getJsonObject("shares")
          .getString("value"), "crictl update --cpu-share as the plugin sees it");
    }
  }

  @ParameterizedTest(name = "containerd {0}")
  @MethodSource("versions")
  void runningContainersSurviveARestartAndPluginsResynchronize(String version) throws IOException {
    Path dir = runDir(version + "-restart");
    try (Containerd containerd = Containerd.start(new ContainerdOptions().version(version))) {
      CriLifecycle pod = new CriLifecycle(containerd.pods(), "survivor");
      String id = pod.runAndStart("work", Map.of());
      long before = containerd.pid();
      containerd.restart();
      assertTrue(containerd.pid() != before, "a new containerd process");
      assertEquals("CONTAINER_RUNNING", containerd.pods().inspect(id).getJsonObject("status").getString("state"));
      try (GoPlugin recorder = plugin(GoPeers.recorder(), "late", "60", containerd, dir)) {
        JsonObject sync = new JsonLines(dir.resolve("late.jsonl")).awaitEvent("Synchronize", WAIT);
        assertTrue(sync.getJsonArray("containers").encode().contains(id), "synchronized after the restart: " + sync);
        pod.updateStopRemove(256);
      }
    }
  }

  static GoPlugin afterConfigure(Path log, Supplier<GoPlugin> next) {
    new JsonLines(log).awaitEvent("Configure", WAIT);
    return next.get();
  }

  static Path runDir(String name) throws IOException {
    Path dir = GoPeers.buildDir().resolve("containerd-it").resolve(name);
    GoBuild.deleteTree(dir);
    return Files.createDirectories(dir);
  }

  /** A Go test plugin connected to containerd's NRI socket, logging to {@code dir/<name>.jsonl}. */
  static GoPlugin plugin(Path binary, String name, String idx, Containerd containerd, Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("-name", name, "-idx", idx, "-socket",
        containerd.nriSocket().toString(), "-log-file", dir.resolve(name + ".jsonl").toString()));
    args.addAll(List.of(more));
    return GoPlugin.start(binary, args);
  }

  static List<String> events(List<JsonObject> lines) {
    return lines.stream().map(l -> l.getString("event"))
        .filter(e -> !e.equals("Configure") && !e.equals("ConnectionClosed")).toList();
  }

  static List<String> awaitOutput(Containerd containerd, CriLifecycle pod, String name) {
    return io.nrivertx.testing.Waiting.until(() -> containerd.pods().output(pod.podConfig(), name),
        lines -> lines.contains("ready"), WAIT, lines -> "the workload did not report within " + WAIT + ": " + lines);
  }

}
