package io.nrivertx.relay;

import static io.nrivertx.relay.RelayRig.WAIT;
import static io.nrivertx.relay.RelayRig.container;
import static io.nrivertx.relay.RelayRig.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.GoRuntime;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plugins behind the relay that hang, die or flood never get the relay dropped by the runtime (the
 * official Go adaptation, which closes a plugin that misses its deadline), and a runtime that is
 * killed and started again on the same socket keeps the plugins behind the relay connected, with
 * a view that follows (docs/relay.md, "When the runtime restarts").
 */
class RelayRobustnessIT {
  /** Short, so that a hung plugin is over the runtime's deadline quickly. */
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(1);

  private static CreateContainerRequest create(String id) {
    return CreateContainerRequest.newBuilder().setPod(pod("p1"))
        .setContainer(container(id, "p1", ContainerState.CONTAINER_CREATED)).build();
  }

  /** The relay is still the runtime's plugin: its session did not change and an event reaches its plugins. */
  private static void assertStillRelayed(RelayRig rig, JsonLines witness, String podId) {
    assertTrue(rig.relay().isUpstreamConnected(), "the relay is connected upstream");
    assertEquals(1, rig.relay().upstreamSessions(), "the runtime never dropped the relay");
    rig.runtime().call(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod(podId)).build());
    witness.awaitLine(l -> "RunPodSandbox".equals(l.getString("event"))
        && podId.equals(l.getJsonObject("pod").getString("id")), WAIT);
  }

  @Test
  void aHangingPluginDoesNotGetTheRelayDropped() {
    try (RelayRig rig = new RelayRig(UPSTREAM_TIMEOUT)) {
      rig.startRuntime(List.of(pod("p1")), List.of());
      NriRuntime down = rig.startRelay(new RelayOptions());
      rig.plugin(GoPeers.recorder(), "10", "hang", "-delay", "20s", "-delay-on", "CreateContainer");
      rig.plugin(GoPeers.recorder(), "20", "witness");
      RuntimeFixture.await(down.awaitPlugins(List.of("10-hang", "20-witness"), WAIT));

      long start = System.nanoTime();
      rig.runtime().request(PluginCall.CREATE_CONTAINER, create("c1")).toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> null).join();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 20_000, "answered while the plugin still hangs (" + millis + " ms)");
      assertStillRelayed(rig, new JsonLines(rig.log("witness")), "p-after-hang");
    }
  }

  @Test
  void aDyingPluginDoesNotGetTheRelayDropped() {
    try (RelayRig rig = new RelayRig(UPSTREAM_TIMEOUT)) {
      rig.startRuntime(List.of(pod("p1")), List.of());
      NriRuntime down = rig.startRelay(new RelayOptions());
      GoPlugin dying = rig.plugin(GoPeers.recorder(), "10", "dying", "-delay", "20s", "-delay-on", "CreateContainer");
      rig.plugin(GoPeers.recorder(), "20", "witness");
      RuntimeFixture.await(down.awaitPlugins(List.of("10-dying", "20-witness"), WAIT));

      var reply = rig.runtime().request(PluginCall.CREATE_CONTAINER, create("c1"));
      new JsonLines(rig.log("dying")).awaitEvent("CreateContainer", WAIT);
      dying.kill9(); // in the middle of the event
      reply.toCompletionStage().toCompletableFuture().handle((ok, err) -> null).join();
      assertStillRelayed(rig, new JsonLines(rig.log("witness")), "p-after-death");
    }
  }

  @Test
  void aFloodingPluginDoesNotGetTheRelayDropped() throws Exception {
    // containerd's own timeout: the witness answers each event in time even on a loaded machine
    // while 300 updates are on their way upstream (a second was too tight under CI load).
    try (RelayRig rig = new RelayRig(Duration.ofSeconds(2))) {
      rig.startRuntime(List.of(pod("p1")), List.of(container("c0", "p1", ContainerState.CONTAINER_RUNNING)));
      int[] seen = {0};
      rig.runtime().onUpdates(u -> {
        synchronized (seen) {
          seen[0] += u.size();
        }
      });
      NriRuntime down = rig.startRelay(new RelayOptions());
      rig.plugin(GoPeers.recorder(), "20", "witness");
      try (UpdateFlood flood = UpdateFlood.start(rig.vertx, rig.downstreamSocket, "c0", 300)) {
        RuntimeFixture.await(down.awaitPlugins(List.of("20-witness", "30-flood"), WAIT));
        // Events keep their deadline while the flood goes upstream.
        for (int i = 0; i < 5; i++) {
          rig.runtime().call(PluginCall.CREATE_CONTAINER, create("c" + (i + 1)));
        }
        flood.awaitDone(WAIT);
      }
      synchronized (seen) {
        assertEquals(300, seen[0], "every update of the flood reached the runtime");
      }
      assertStillRelayed(rig, new JsonLines(rig.log("witness")), "p-after-flood");
    }
  }

  @Test
  void aRuntimeRestartKeepsPluginsConnectedAndTellsThemWhatChanged() {
    try (RelayRig rig = new RelayRig(Duration.ofSeconds(2))) {
      rig.startRuntime(List.of(pod("p1")), List.of(container("kept", "p1", ContainerState.CONTAINER_RUNNING),
          container("gone", "p1", ContainerState.CONTAINER_RUNNING)));
      NriRuntime down = rig.startRelay(new RelayOptions());
      GoPlugin watcher = rig.plugin(GoPeers.recorder(), "20", "watcher");
      RuntimeFixture.await(down.awaitPlugins(List.of("20-watcher"), WAIT));
      JsonLines seen = new JsonLines(rig.log("watcher"));
      assertTrue(seen.awaitEvent("Synchronize", WAIT).encode().contains("\"gone\""));

      rig.runtime().kill();
      GoRuntime again = rig.startRuntime(List.of(pod("p1"), pod("p2")),
          List.of(container("kept", "p1", ContainerState.CONTAINER_RUNNING),
              container("new", "p2", ContainerState.CONTAINER_RUNNING)));
      again.awaitRegistered(1, WAIT);
      List<JsonObject> lines = seen.await(ls -> ls.stream().filter(l -> "PostStartContainer".equals(l.getString("event")))
          .count() >= 1, WAIT);
      List<String> after = lines.stream().skip(2) // Configure, Synchronize
          .map(l -> l.getString("event") + " " + (l.getJsonObject("container") != null
              ? l.getJsonObject("container").getString("id") : l.getJsonObject("pod").getString("id"))).toList();
      // Each pod's events in this order; different pods' events may interleave, as all events do.
      assertEquals(List.of("StopContainer gone", "RemoveContainer gone"),
          after.stream().filter(e -> e.endsWith(" gone")).toList(), "p1 lost a container: " + after);
      assertEquals(List.of("RunPodSandbox p2", "PostCreateContainer new", "PostStartContainer new"),
          after.stream().filter(e -> e.endsWith(" p2") || e.endsWith(" new")).toList(), "p2 appeared: " + after);
      assertEquals(5, after.size(), "nothing else: " + after);
      assertTrue(watcher.isAlive(), "the plugin behind the relay stayed connected");
      assertTrue(rig.relay().upstreamSessions() == 2 && rig.relay().isUpstreamConnected(), "re-registered");

      again.call(PluginCall.CREATE_CONTAINER, create("later"));
      seen.awaitLine(l -> "CreateContainer".equals(l.getString("event"))
          && "later".equals(l.getJsonObject("container").getString("id")), WAIT);
      assertTrue(seen.read().stream().noneMatch(l -> "ConnectionClosed".equals(l.getString("event"))));

      // What operations see of it: /readyz's state and the relay's series.
      UpstreamState state = rig.relay().upstreamState();
      assertEquals(UpstreamState.SYNCHRONIZED, state.state(), state.toString());
      assertEquals(2, state.sessions(), state.toString());
      String scrape = rig.metrics.scrape();
      for (String series : List.of("nri_relay_upstream_connected 1.0", "nri_relay_reconnects_total 1.0",
          "nri_relay_upstream_requests_total{event=\"CreateContainer\",outcome=\"ok\"} 1.0")) {
        assertTrue(scrape.contains(series), series + " in:\n" + scrape);
      }
    }
  }
}
