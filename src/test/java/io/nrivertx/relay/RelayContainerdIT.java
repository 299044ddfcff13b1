package io.nrivertx.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.containerd.Binaries;
import io.nrivertx.containerd.Containerd;
import io.nrivertx.containerd.ContainerdOptions;
import io.nrivertx.containerd.CriLifecycle;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.Waiting;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real containerd's NRI → {@code nri-vertx relay} (the jar, as an operator runs it) → the
 * official Go test plugins. The plugin behind the relay sees containerd's event sequence, as one
 * connected to containerd beside the relay does; an adjuster behind the relay changes the OCI spec
 * ({@code crictl inspect}) and what runs in the container; containerd restarted mid-way gets the
 * relay back, the plugins behind it stay connected and new containers get their adjustments again.
 */
class RelayContainerdIT {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final long LIMIT = 80L << 20;

  static List<String> versions() {
    return Binaries.CONTAINERD_VERSIONS;
  }

  @ParameterizedTest(name = "containerd {0}")
  @MethodSource("versions")
  void containerdsEventsGoThroughTheRelayToItsPlugins(String version) throws IOException {
    Path dir = Files.createDirectories(GoPeers.buildDir().resolve("relay-containerd-it").resolve(version));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    // Short: a unix socket path is limited to 108 bytes.
    Path downDir = Files.createTempDirectory(Path.of("/tmp"), "nrelay");
    Path down = downDir.resolve("nri.sock");
    Path adjusterConfig = Files.writeString(dir.resolve("adjuster.json"), new JsonObject().put("*",
        new JsonObject().put("adjust", new JsonObject()
            .put("env", List.of(Map.of("key", "VIA_RELAY", "value", "yes")))
            .put("linux", Map.of("resources", Map.of("memory", Map.of("limit", Map.of("value", LIMIT)))))))
        .encodePrettily());
    try (Containerd containerd = Containerd.start(new ContainerdOptions().version(version));
         GoPlugin direct = plugin(GoPeers.recorder(), "direct", "90", containerd.nriSocket(), dir);
         RelayProcess relay = RelayProcess.start(dir, """
             pluginPath: ""
             metrics:
               address: ""
             relay:
               reconnectDelay: 100ms
               reconnectMaxDelay: 500ms
             """, "--upstream", containerd.nriSocket().toString(), "--socket", down.toString())) {
      relay.awaitOutput("relaying the runtime", WAIT);
      awaitSocket(down, relay);
      try (GoPlugin adjuster = plugin(GoPeers.adjuster(), "adjuster", "10", down, dir, "-config",
               adjusterConfig.toString());
           GoPlugin behind = afterConfigure(dir.resolve("adjuster.jsonl"),
               () -> plugin(GoPeers.recorder(), "behind", "50", down, dir))) {
        JsonLines seen = new JsonLines(dir.resolve("behind.jsonl"));
        seen.awaitEvent("Synchronize", WAIT);
        assertEquals("containerd", seen.events("Configure").get(0).getString("runtimeName"),
            "plugins behind the relay see the runtime's name");

        CriLifecycle first = new CriLifecycle(containerd.pods(), "first");
        String id = first.runAndStart("work", Map.of("FROM_CRI", "yes"));
        assertTrue(containerd.pods().specEnv(id).contains("VIA_RELAY=yes"), "crictl inspect: "
            + containerd.pods().specEnv(id));
        List<String> inside = awaitOutput(containerd, first, "work");
        assertTrue(inside.contains("env VIA_RELAY=yes"), "inside the container: " + inside);
        assertTrue(inside.contains("cgroup memory/memory.limit_in_bytes " + LIMIT)
            || inside.contains("cgroup memory.max " + LIMIT), "inside the container: " + inside);

        containerd.restart();
        relay.awaitOutput("session 2", WAIT);
        // containerd drops its plugins when it restarts: one connected to it again, beside the relay.
        try (GoPlugin direct2 = plugin(GoPeers.recorder(), "direct2", "91", containerd.nriSocket(), dir)) {
          new JsonLines(dir.resolve("direct2.jsonl")).awaitEvent("Synchronize", WAIT);
          first.updateStopRemove(384);
          CriLifecycle second = new CriLifecycle(containerd.pods(), "second");
          String later = second.runAndStart("work", Map.of());
          assertTrue(containerd.pods().specEnv(later).contains("VIA_RELAY=yes"), "after the restart: "
              + containerd.pods().specEnv(later));
          second.updateStopRemove(256);

          // containerd's exact sequence: what the plugins connected to it directly saw, before and
          // after its restart (after it, containerd no longer knows the first pod: no pod events).
          List<String> expected = new ArrayList<>(events(new JsonLines(dir.resolve("direct.jsonl")).read()));
          assertEquals(CriLifecycle.EVENTS.subList(0, 6), expected, "containerd before its restart");
          JsonLines afterRestart = new JsonLines(dir.resolve("direct2.jsonl"));
          afterRestart.await(ls -> events(ls).contains("RemovePodSandbox"), WAIT);
          expected.addAll(events(afterRestart.read()).stream().skip(1).toList()); // its own Synchronize
          seen.await(ls -> events(ls).size() >= expected.size(), WAIT);
          assertEquals(expected, events(seen.read()), "behind the relay, across containerd's restart");
        }
        assertEquals(1, seen.events("Synchronize").size(), "one Synchronize: the restart left the plugin alone");
        assertTrue(behind.isAlive() && adjuster.isAlive() && relay.isAlive(), "everything stayed up");
      }
    } finally {
      Files.deleteIfExists(down);
      Files.deleteIfExists(downDir);
    }
  }

  private static GoPlugin plugin(Path binary, String name, String idx, Path socket, Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("-name", name, "-idx", idx, "-socket", socket.toString(),
        "-log-file", dir.resolve(name + ".jsonl").toString()));
    args.addAll(List.of(more));
    return GoPlugin.start(binary, args);
  }

  private static GoPlugin afterConfigure(Path log, java.util.function.Supplier<GoPlugin> next) {
    new JsonLines(log).awaitEvent("Configure", WAIT);
    return next.get();
  }

  private static List<String> events(List<JsonObject> lines) {
    return lines.stream().map(l -> l.getString("event"))
        .filter(e -> !e.equals("Configure") && !e.equals("ConnectionClosed")).toList();
  }

  private static void awaitSocket(Path socket, RelayProcess relay) {
    Waiting.until(() -> Files.exists(socket), WAIT, () -> "the relay did not serve " + socket + "; its output:\n"
        + relay.output());
  }

  /** The container's output once it says "ready" (the caller's assertions then show what it said). */
  private static List<String> awaitOutput(Containerd containerd, CriLifecycle pod, String name) {
    return Waiting.until(() -> containerd.pods().output(pod.podConfig(), name), lines -> lines.contains("ready"),
        WAIT, lines -> "container " + name + " never printed \"ready\"; its output: " + lines);
  }
}
