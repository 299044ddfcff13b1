package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.Empty;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * duplicatePolicy: handover on the core: the older connection serves while its successor is
 * configured, the successor takes over in one step after its Synchronize, and the older one gets
 * Shutdown once its calls in flight are done, then is closed. Every event reaches exactly one.
 */
@ExtendWith(VertxExtension.class)
class HandoverTest {
  private static final Event[] ALL = {Event.RUN_POD_SANDBOX, Event.CREATE_CONTAINER, Event.START_CONTAINER};

  private static NriOptions handover() {
    return new NriOptions().setDuplicatePolicy(DuplicatePolicy.HANDOVER);
  }

  private static FakePlugin generation() {
    return new FakePlugin("50", "rec", ALL).kind("external");
  }

  private static long count(FakePlugin p, String method) {
    return p.methods().stream().filter(method::equals).count();
  }

  @Test
  void theOlderConnectionServesUntilItsSuccessorTakesOverThenGetsShutdown(Vertx vertx) {
    FakePlugin first = generation();
    Promise<PluginReply<ConfigureResponse>> configured = Promise.promise();
    FakePlugin second = generation().on(PluginCall.CONFIGURE, q -> configured.future());
    try (CoreFixture f = CoreFixture.start(vertx, handover()).admit(first)) {
      Future<Void> admitted = f.core.admit(second);
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      assertEquals(1, count(first, "RunPodSandbox"), "served by the first while the second configures");
      assertEquals(List.of("Configure"), second.methods());
      configured.complete(PluginReply.ok("50-rec", ConfigureResponse.newBuilder()
          .setEvents(EventMask.bit(Event.RUN_POD_SANDBOX) | EventMask.bit(Event.CREATE_CONTAINER)).build(), 1));
      await(admitted);
      await(first.closeFuture());
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox", "Shutdown"), first.methods());
      assertTrue(first.closeReason().startsWith("handed over to a new connection of 50-rec"), first.closeReason());
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p2")));
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox"), second.methods());
      assertEquals(List.of("50-rec"), await(f.nri.plugins()));
      f.awaitAudit("plugin", 7); // registered, configured, synchronized for each; the first one's closed
      JsonObject closed = f.audit("plugin").stream().filter(r -> "closed".equals(r.getString("action"))).findFirst()
          .orElseThrow(() -> new AssertionError("no closed record: " + f.audit("plugin")));
      assertTrue(closed.getString("detail", closed.encode()).contains("duplicatePolicy: handover"), closed.encode());
    }
  }

  @Test
  void aSuccessorThatFailsItsSynchronizeLeavesTheOlderOneServing(Vertx vertx) {
    FakePlugin first = generation();
    FakePlugin broken = generation().refuses(PluginCall.SYNCHRONIZE, "cannot load state");
    try (CoreFixture f = CoreFixture.start(vertx, handover()).admit(first)) {
      assertThrows(RuntimeException.class, () -> await(f.core.admit(broken)));
      assertTrue(broken.isClosed());
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      assertEquals(1, count(first, "RunPodSandbox"));
      assertFalse(first.methods().contains("Shutdown"));
    }
  }

  @Test
  void theOlderOneGetsShutdownOnlyOnceItsCallsInFlightFinished(Vertx vertx) {
    Promise<PluginReply<Empty>> answer = Promise.promise();
    FakePlugin first = generation().on(PluginCall.STATE_CHANGE, q -> answer.future());
    FakePlugin second = generation();
    try (CoreFixture f = CoreFixture.start(vertx, handover()).admit(first)) {
      Future<?> inFlight = await(f.core.context().run(() -> Future.succeededFuture(f.core.caller().outside(first,
          PluginCall.STATE_CHANGE, io.nrivertx.api.StateChangeEvent.getDefaultInstance(), 60_000))));
      await(f.core.admit(second));
      assertFalse(first.methods().contains("Shutdown"), "a call is still in flight");
      assertFalse(first.isClosed());
      answer.complete(PluginReply.ok("50-rec", Empty.getDefaultInstance(), 1));
      await(first.closeFuture());
      assertEquals("Shutdown", first.methods().getLast());
      await(inFlight);
    }
  }

  @Test
  void aHandedOverPluginThatDoesNotAnswerShutdownIsClosedAfterItsTimeoutAndMayNotUpdate(Vertx vertx) {
    FakePlugin first = generation().waits(PluginCall.SHUTDOWN, Promise.<Empty>promise().future());
    FakePlugin second = generation();
    try (CoreFixture f = CoreFixture.start(vertx, handover()).admit(first)) {
      await(f.core.admit(second));
      await(f.core.pluginIds());
      assertEquals("Shutdown", first.methods().getLast());
      RuntimeException refused = assertThrows(RuntimeException.class,
          () -> await(f.core.updateContainers(first, UpdateContainersRequest.getDefaultInstance())));
      assertTrue(refused.getMessage().contains("has handed over to its successor"), refused.getMessage());
      assertFalse(first.isClosed());
      f.advance(Duration.ofSeconds(2));
      await(first.closeFuture());
    }
  }

  @Test
  void eventsDuringSuccessiveHandoversReachExactlyOneGeneration(Vertx vertx) {
    List<FakePlugin> generations = new ArrayList<>(List.of(generation()));
    try (CoreFixture f = CoreFixture.start(vertx, handover()).admit(generations.getFirst())) {
      List<Future<?>> events = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 40; i++) {
          String pod = "p" + round + "-" + i;
          events.add(f.nri.request(PluginCall.RUN_POD_SANDBOX,
              RunPodSandboxRequest.newBuilder().setPod(Requests.pod(pod)).build()));
        }
        FakePlugin next = generation();
        generations.add(next);
        events.add(f.core.admit(next));
      }
      await(Future.all(events));
      List<String> delivered = generations.stream().flatMap(g -> g.calls().stream())
          .filter(c -> c.method().equals("RunPodSandbox"))
          .map(c -> ((RunPodSandboxRequest) c.request()).getPod().getId()).toList();
      assertEquals(200, delivered.size(), "200 events delivered across " + generations.size() + " generations");
      assertEquals(200, delivered.stream().distinct().count(), "each exactly once");
      for (FakePlugin g : generations.subList(0, generations.size() - 1)) {
        await(g.closeFuture());
        assertEquals("Shutdown", g.methods().getLast());
      }
      assertFalse(generations.getLast().isClosed());
    }
  }
}
