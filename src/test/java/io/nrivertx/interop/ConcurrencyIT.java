package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pods do not wait for each other's plugin calls, while each pod's events keep their order. */
class ConcurrencyIT {
  private static final int PODS = 100;
  private static final int PLUGINS = 3;
  private static final long DELAY_MS = 50;

  @Test
  void hundredPodsThroughThreeSlowPluginsAreNotSerialised() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      List<Path> logs = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < PLUGINS; i++) {
        Path log = rt.file("slow" + i + ".jsonl");
        logs.add(log);
        ids.add((10 + i) + "-slow" + i);
        rt.plugin(GoPeers.recorder(), "-idx", String.valueOf(10 + i), "-name", "slow" + i,
            "-events", "RunPodSandbox,CreateContainer,StartContainer", "-delay", DELAY_MS + "ms",
            "-log-file", log.toString());
      }
      rt.awaitPlugins(ids);

      long start = System.nanoTime();
      List<Future<?>> pods = new ArrayList<>();
      for (int p = 0; p < PODS; p++) {
        PodSandbox pod = rt.pod("pod" + p, "pod" + p);
        Container ctr = rt.container("ctr" + p, pod.getId(), "app", ContainerState.CONTAINER_CREATED);
        // All three events of a pod are submitted at once: the runtime must keep their order.
        pods.add(Future.all(
            nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build()),
            nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(pod).setContainer(ctr)
                .build()),
            nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod).setContainer(ctr)
                .build())));
      }
      await(Future.all(pods));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      long serialisedMs = PODS * 3 * PLUGINS * DELAY_MS;
      System.out.printf("ConcurrencyIT: %d pods x 3 events x %d plugins (%d ms each) took %d ms; serialised: %d ms%n",
          PODS, PLUGINS, DELAY_MS, tookMs, serialisedMs);
      assertTrue(tookMs < serialisedMs / 3, "pods were serialised: " + tookMs + " ms, serial would be " + serialisedMs);

      for (Path log : logs) {
        List<JsonObject> lines = new JsonLines(log).await(l -> l.size() >= 2 + 3 * PODS, Duration.ofSeconds(30));
        Map<String, List<String>> perPod = new HashMap<>();
        for (JsonObject l : lines.subList(2, lines.size())) {
          perPod.computeIfAbsent(l.getJsonObject("pod").getString("id"), k -> new ArrayList<>()).add(l.getString("event"));
        }
        assertEquals(PODS, perPod.size());
        perPod.forEach((pod, events) -> assertEquals(List.of("RunPodSandbox", "CreateContainer", "StartContainer"),
            events, "order of " + pod + " at " + log.getFileName()));
      }
    }
  }
}
