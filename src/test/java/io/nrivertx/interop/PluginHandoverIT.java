package io.nrivertx.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RemoveContainerRequest;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.nrivertx.testing.Waiting;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * duplicatePolicy: handover with the official Go stub: 1,000 lifecycle events (200 pods, each
 * RunPodSandbox, CreateContainer, StartContainer, StopContainer, RemoveContainer) flow while the
 * recorder "50-up" is upgraded 10 times, each new process registering with the same name and
 * index while its predecessor serves. Every event is logged by exactly one generation, every
 * older generation got Shutdown before its connection closed, and each generation's Synchronize
 * held what it later got events about without having seen it happen (a pod's creation, a
 * container's creation).
 */
class PluginHandoverIT {
  private static final int PODS = 200;
  private static final int UPGRADES = 10;
  private static final List<String> EVENTS = List.of("RunPodSandbox", "CreateContainer", "StartContainer",
      "StopContainer", "RemoveContainer");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aThousandEventsThroughTenUpgradesEachReachExactlyOneGeneration() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(new NriOptions().setDuplicatePolicy(DuplicatePolicy.HANDOVER)
          .setRequestTimeout(Duration.ofSeconds(5)));
      List<JsonLines> logs = new ArrayList<>();
      List<GoPlugin> generations = new ArrayList<>();
      generations.add(generation(rt, logs));
      rt.awaitPlugins(List.of("50-up"));
      Workload load = new Workload(rt, nri);
      Promise<Void> done = Promise.promise();
      rt.vertx.runOnContext(v -> load.start(done));
      long start = System.nanoTime();
      for (int k = 1; k <= UPGRADES; k++) {
        int threshold = k * 5 * PODS / (UPGRADES + 1);
        Waiting.until(() -> load.answered.get() >= threshold, WAIT, () -> "events stalled at " + load.answered.get());
        GoPlugin previous = generations.getLast();
        JsonLines previousLog = logs.getLast();
        generations.add(generation(rt, logs));
        JsonLines log = logs.getLast();
        Waiting.until(() -> !log.events("Synchronize").isEmpty() && !previous.isAlive(), WAIT,
            () -> "generation took no part: " + log.read() + "\nprevious: " + previous.output());
        assertEquals(0, previous.exitValue(), previous.output());
        List<String> last = previousLog.read().stream().map(l -> l.getString("event")).toList();
        assertEquals(List.of("Shutdown", "ConnectionClosed"), last.subList(last.size() - 2, last.size()),
            "the older generation got Shutdown, then lost its connection");
        load.upgradesDone.set(k);
      }
      RuntimeFixture.await(done.future());
      double seconds = (System.nanoTime() - start) / 1e9;

      Map<String, Integer> seen = new HashMap<>();
      int[] perGeneration = new int[logs.size()];
      for (int g = 0; g < logs.size(); g++) {
        Set<String> created = new HashSet<>();
        Set<String> run = new HashSet<>();
        Set<String> synced = new HashSet<>();
        for (JsonObject line : logs.get(g).read()) {
          String event = line.getString("event");
          if (event.equals("Synchronize")) {
            line.getJsonArray("containers").forEach(c -> synced.add(((JsonObject) c).getString("id")));
            line.getJsonArray("pods").forEach(p -> synced.add(((JsonObject) p).getString("id")));
          }
          if (!EVENTS.contains(event)) {
            continue;
          }
          perGeneration[g]++;
          String ctr = line.containsKey("container") ? line.getJsonObject("container").getString("id") : "";
          seen.merge(event + " " + line.getJsonObject("pod").getString("id") + " " + ctr, 1, Integer::sum);
          String podId = line.getJsonObject("pod").getString("id");
          // What a generation did not see happen must be in its Synchronize: the pod of a new
          // container, a created container being started. (Stopped containers are not synchronized,
          // as in containerd, so StopContainer and RemoveContainer prove nothing.)
          switch (event) {
            case "RunPodSandbox" -> run.add(podId);
            case "CreateContainer" -> {
              created.add(ctr);
              assertTrue(run.contains(podId) || synced.contains(podId), "generation " + g + " got the container " + ctr
                  + " of pod " + podId + " without seeing the pod run and without it in its Synchronize");
            }
            case "StartContainer" -> assertTrue(created.contains(ctr) || synced.contains(ctr), "generation " + g
                + " got StartContainer of " + ctr + " without its creation and without it in its Synchronize");
            default -> { }
          }
        }
      }
      assertEquals(5 * PODS, seen.size(), "every event reached a generation");
      assertEquals(Map.of(), filter(seen), "no event reached two generations");
      assertEquals(5 * PODS, load.answered.get());
      assertEquals(0, load.failed.get(), "no event failed");
      System.out.printf("handover: %d events through %d upgrades in %.2f s, per generation %s%n", 5 * PODS, UPGRADES,
          seconds, java.util.Arrays.toString(perGeneration));
    }
    ChildProcesses.assertNoLeftovers(Set.of(), Duration.ofSeconds(10));
  }

  private static Map<String, Integer> filter(Map<String, Integer> seen) {
    Map<String, Integer> twice = new HashMap<>();
    seen.forEach((k, n) -> {
      if (n != 1) {
        twice.put(k, n);
      }
    });
    return twice;
  }

  private static GoPlugin generation(RuntimeFixture rt, List<JsonLines> logs) {
    Path log = rt.file("up-" + logs.size() + ".jsonl");
    logs.add(new JsonLines(log));
    return rt.plugin(GoPeers.recorder(), "-name", "up", "-idx", "50", "-log-file", log.toString(),
        "-events", String.join(",", EVENTS));
  }

  /**
   * The load, on the runtime's Vert.x: a pod every 5 ms, each with its five events in order
   * (the domain changing as containerd's store would), at most one upgrade ahead: it waits
   * while the next upgrade's share of events is answered and that upgrade is not done yet.
   */
  private static final class Workload {
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger upgradesDone = new AtomicInteger();
    private final RuntimeFixture rt;
    private final NriRuntime nri;
    private int launched;
    private int running;

    Workload(RuntimeFixture rt, NriRuntime nri) {
      this.rt = rt;
      this.nri = nri;
    }

    void start(Promise<Void> done) {
      rt.vertx.setPeriodic(5, id -> {
        int allowed = (upgradesDone.get() + 1) * 5 * PODS / (UPGRADES + 1) + 5 * PODS / (UPGRADES + 1) / 2;
        if (launched == PODS) {
          if (running == 0) {
            rt.vertx.cancelTimer(id);
            done.tryComplete();
          }
          return;
        }
        if (upgradesDone.get() < UPGRADES && launched * 5 >= allowed) {
          return;
        }
        running++;
        lifecycle(launched++).onComplete(ar -> {
          running--;
          if (ar.failed()) {
            failed.incrementAndGet();
          }
        });
      });
    }

    private Future<Void> lifecycle(int i) {
      PodSandbox pod = rt.pod("pod-" + i, "web-" + i);
      Container created = rt.container("ctr-" + i, pod.getId(), "app", ContainerState.CONTAINER_CREATED);
      rt.domain.putPod(pod);
      return count(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build()))
          .compose(v -> count(nri.request(PluginCall.CREATE_CONTAINER,
              CreateContainerRequest.newBuilder().setPod(pod).setContainer(created).build())))
          .compose(v -> {
            rt.domain.putContainer(created);
            return count(nri.request(PluginCall.START_CONTAINER,
                StartContainerRequest.newBuilder().setPod(pod).setContainer(created).build()));
          })
          .compose(v -> {
            Container stopped = created.toBuilder().setState(ContainerState.CONTAINER_STOPPED).build();
            rt.domain.putContainer(stopped);
            return count(nri.request(PluginCall.STOP_CONTAINER,
                StopContainerRequest.newBuilder().setPod(pod).setContainer(stopped).build()));
          })
          .compose(v -> count(nri.request(PluginCall.REMOVE_CONTAINER,
              RemoveContainerRequest.newBuilder().setPod(pod).setContainer(created).build())))
          .andThen(ar -> rt.domain.removeContainer(created.getId()));
    }

    private Future<Void> count(Future<?> event) {
      return event.andThen(ar -> answered.incrementAndGet()).mapEmpty();
    }
  }
}
