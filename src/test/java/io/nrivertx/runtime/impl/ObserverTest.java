package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.RequestOptions;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.EventStart;
import io.nrivertx.observe.NriObserver;
import io.nrivertx.observe.PluginCallEnd;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an observer is told, in which order, on which thread, and what it can add to calls. */
@ExtendWith(VertxExtension.class)
class ObserverTest {
  @Test
  void admissionAndAnEventReachTheObserverInOrder(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    CreateContainerResponse reply = CreateContainerResponse.newBuilder()
        .setAdjust(ContainerAdjustment.newBuilder().putAnnotations("a", "1"))
        .addUpdate(ContainerUpdate.newBuilder().setContainerId("other")).build();
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER, reply);
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs)).admit(a)) {
      await(f.nri.request("k8s.io", PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      assertEquals(List.of(
          "audit plugin", "registered 10-a builtin", "outside 10-a Configure", "ended 10-a Configure OK ", "audit plugin",
          "outside 10-a Synchronize", "ended 10-a Synchronize OK ", "active 1", "audit plugin",
          "synchronized 10-a pods=0 containers=0 messages=1",
          "event CreateContainer p1/c1", "call 10-a CreateContainer 2000ms", "ended 10-a CreateContainer OK ",
          "audit event", "end CreateContainer ok"), obs.only("audit", "registered", "outside", "ended", "active",
          "synchronized", "event", "call", "end "));
      PluginCallEnd end = obs.callEnds.getLast();
      assertEquals("success", end.status());
      assertEquals(1, end.updates());
      assertEquals(0, end.evictions());
      assertEquals(reply, end.reply());
      EventStart start = obs.starts.getLast();
      assertEquals("k8s.io", start.namespace());
      assertTrue(obs.threads.stream().allMatch(t -> t == obs.threads.getFirst()), "one thread: the core's");
      assertEquals(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
          a.calls().getLast().options().metadata(), "the call scope's metadata goes with the call");
    }
  }

  @Test
  void failuresAndPolicyDecisionsAreReported(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    FakePlugin slow = new FakePlugin("10", "slow", Event.CREATE_CONTAINER)
        .waits(PluginCall.CREATE_CONTAINER, Promise.<CreateContainerResponse>promise().future());
    FakePlugin refusing = new FakePlugin("20", "no", Event.CREATE_CONTAINER).refuses(PluginCall.CREATE_CONTAINER, "no");
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs)).admit(slow, refusing)) {
      var created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      assertThrows(LifecycleException.class, () -> await(created));
      assertEquals(List.of(
              "closed 10-slow failed to handle CreateContainer request: no answer to CreateContainer within 2000 ms",
              "ended 10-slow CreateContainer TIMEOUT deadline_exceeded closed",
              "ended 20-no CreateContainer ERROR unknown failed", "end CreateContainer refused"),
          obs.only("ended 10-slow Create", "ended 20-no Create", "closed", "end "));
      assertEquals(LifecycleException.Kind.REFUSED, obs.ends.getLast().failure().kind());
      assertEquals(Duration.ofSeconds(2), obs.ends.getLast().duration());
    }
  }

  @Test
  void theParentComesFromTheOptionsElseFromTheCallersContext(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    obs.callerContext = "caller's span";
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs))) {
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      assertEquals("caller's span", obs.starts.getLast().parent());
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"), new RequestOptions().setParent("given")));
      assertEquals("given", obs.starts.getLast().parent());
      assertNull(obs.starts.getLast().containerId());
    }
  }

  @Test
  void aThrowingObserverChangesNothing(Vertx vertx) {
    NriObserver broken = new NriObserver() {
      @Override
      public EventScope eventStarted(EventStart event) {
        throw new IllegalStateException("observer bug");
      }

      @Override
      public void auditPublished(String kind) {
        throw new IllegalStateException("observer bug");
      }
    };
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX);
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(broken)).admit(a)) {
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      assertTrue(a.methods().contains("RunPodSandbox"));
    }
  }

  @Test
  void optionsCarryTheObserverButNotInJson() {
    RecordingObserver obs = new RecordingObserver();
    NriOptions o = new NriOptions().setObserver(obs);
    assertSame(obs, new NriOptions(o).getObserver());
    assertSame(NriObserver.NONE, new NriOptions(o.toJson()).getObserver());
    assertSame(NriObserver.NONE, new NriOptions().setObserver(null).getObserver());
  }

  @Test
  void containerdLabelValues() {
    assertEquals("invalid_argument", PluginCallEnd.snakeCase(3));
    assertEquals("canceled", PluginCallEnd.snakeCase(1));
    assertEquals("unknown_code", PluginCallEnd.snakeCase(99));
    PluginCallEnd closed = new PluginCallEnd("p", "CreateContainer", PluginCallEnd.Outcome.CLOSED, 14, Duration.ZERO,
        null, true, false);
    assertEquals("other", closed.errorLabel());
    assertEquals("error", closed.status());
    assertEquals(0, closed.updates());
  }
}
