package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.api.StartContainerResponse;
import io.nrivertx.observe.NriObserver;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-pod order, concurrency across pods, and the queue depth observers see. */
@ExtendWith(VertxExtension.class)
class EventOrderTest {

  /** Lets every event already handed to the core reach the point where it waits or calls a plugin. */
  private static void drain(CoreFixture f) {
    await(f.core.pluginIds());
  }

  @Test
  void eventsOfOnePodReachPluginsInArrivalOrder(Vertx vertx) {
    Promise<RunPodSandboxResponse> first = Promise.promise();
    FakePlugin p = new FakePlugin("10", "slow", Event.RUN_POD_SANDBOX, Event.START_CONTAINER)
        .waits(PluginCall.RUN_POD_SANDBOX, first.future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(p)) {
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("a"));
      Future<StartContainerResponse> start = f.nri.request(PluginCall.START_CONTAINER, Requests.start("c", "a"));
      drain(f);
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox"), p.methods(), "StartContainer waits its turn");
      assertFalse(start.isComplete());
      first.complete(RunPodSandboxResponse.getDefaultInstance());
      await(run);
      await(start);
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox", "StartContainer"), p.methods());
    }
  }

  @Test
  void aBlockedPodDoesNotHoldUpAnother(Vertx vertx, VertxTestContext test) throws InterruptedException {
    Promise<RunPodSandboxResponse> never = Promise.promise();
    FakePlugin p = new FakePlugin("10", "picky", Event.RUN_POD_SANDBOX).on(PluginCall.RUN_POD_SANDBOX,
        req -> (req.getPod().getId().equals("a") ? never.future() : Future.succeededFuture(
            RunPodSandboxResponse.getDefaultInstance())).map(r -> io.nrivertx.plugin.PluginReply.ok("10-picky", r, 1)));
    CoreFixture f = CoreFixture.start(vertx).admit(p);
    Checkpoint bDone = test.checkpoint();
    Future<RunPodSandboxResponse> a = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("a"));
    f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("b")).onComplete(test.succeeding(r -> {
      test.verify(() -> assertFalse(a.isComplete(), "pod a is still waiting for its plugin"));
      bDone.flag();
    }));
    test.awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
    never.complete(RunPodSandboxResponse.getDefaultInstance());
    await(a);
    f.close();
  }

  @Test
  void theObserverSeesEachPodsQueueDepth(Vertx vertx) {
    List<String> depths = new CopyOnWriteArrayList<>();
    NriObserver observer = new NriObserver() {
      @Override
      public void podQueueDepth(String podId, int depth) {
        depths.add(podId + "=" + depth);
      }
    };
    Promise<RunPodSandboxResponse> first = Promise.promise();
    FakePlugin p = new FakePlugin("10", "slow", Event.RUN_POD_SANDBOX).waits(PluginCall.RUN_POD_SANDBOX, first.future());
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(observer)).admit(p)) {
      Future<RunPodSandboxResponse> one = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("a"));
      Future<RunPodSandboxResponse> two = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("a"));
      drain(f);
      assertEquals(List.of("a=1", "a=2"), depths);
      assertEquals(1, f.core.pods().pods());
      first.complete(RunPodSandboxResponse.getDefaultInstance());
      await(one);
      await(two);
      drain(f);
      assertEquals(List.of("a=1", "a=2", "a=1", "a=0"), depths);
      assertEquals(0, f.core.pods().pods(), "an idle pod keeps no queue");
    }
  }

  @Test
  void eventsWithoutAPodRunAtOnce(Vertx vertx) {
    FakePlugin p = new FakePlugin("10", "any", Event.RUN_POD_SANDBOX);
    try (CoreFixture f = CoreFixture.start(vertx).admit(p)) {
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, io.nrivertx.api.RunPodSandboxRequest.getDefaultInstance()));
      assertTrue(p.methods().contains("RunPodSandbox"));
      assertEquals(0, f.core.pods().pods());
    }
  }
}
