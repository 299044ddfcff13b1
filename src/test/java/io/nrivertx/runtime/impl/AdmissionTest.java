package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.Container;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.api.SynchronizeResponse;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admission: the sync gate against events, containers created during a sync, refusals, closing. */
@ExtendWith(VertxExtension.class)
class AdmissionTest {
  private static void drain(CoreFixture f) {
    await(f.core.pluginIds());
  }

  private static List<String> containerIds(FakePlugin p) {
    SynchronizeRequest sync = (SynchronizeRequest) p.calls().stream()
        .filter(c -> c.method().equals("Synchronize")).findFirst().orElseThrow().request();
    return sync.getContainersList().stream().map(Container::getId).toList();
  }

  @Test
  void noPluginIsSynchronizedWhileAnEventIsInFlight(Vertx vertx) {
    Promise<RunPodSandboxResponse> event = Promise.promise();
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX).waits(PluginCall.RUN_POD_SANDBOX, event.future());
    FakePlugin b = new FakePlugin("20", "b", Event.RUN_POD_SANDBOX);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      Future<Void> admitted = f.core.admit(b);
      drain(f);
      assertEquals(List.of(), b.methods(), "b waits for the event");
      event.complete(RunPodSandboxResponse.getDefaultInstance());
      await(run);
      await(admitted);
      assertEquals(List.of("Configure", "Synchronize"), b.methods(), "and did not get the event it missed");
      assertEquals(List.of("10-a", "20-b"), await(f.nri.plugins()));
    }
  }

  @Test
  void eventsWaitWhileAPluginIsSynchronized(Vertx vertx) {
    Promise<SynchronizeResponse> sync = Promise.promise();
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX);
    FakePlugin b = new FakePlugin("20", "b", Event.RUN_POD_SANDBOX).waits(PluginCall.SYNCHRONIZE, sync.future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Future<Void> admitted = f.core.admit(b);
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      drain(f);
      assertFalse(a.methods().contains("RunPodSandbox"), "held back by the sync");
      sync.complete(SynchronizeResponse.getDefaultInstance());
      await(admitted);
      await(run);
      assertTrue(a.methods().contains("RunPodSandbox"));
      assertTrue(b.methods().contains("RunPodSandbox"), "the new plugin sees the event that waited");
    }
  }

  @Test
  void aContainerCreatedButNotYetStoredIsInTheNextSync(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    FakePlugin b = new FakePlugin("20", "b", Event.START_CONTAINER);
    FakePlugin c = new FakePlugin("30", "c", Event.START_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      f.domain.putContainer(Requests.container("stored", "p1").toBuilder()
          .setState(io.nrivertx.api.ContainerState.CONTAINER_RUNNING).build());
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      f.admit(b);
      assertEquals(List.of("stored", "c1"), containerIds(b), "the runtime had not stored c1 yet");
      await(f.nri.request(PluginCall.START_CONTAINER, Requests.start("c1", "p1")));
      f.admit(c);
      assertEquals(List.of("stored"), containerIds(c), "a later event shows the runtime has (or dropped) it");
      assertEquals(0, f.core.pending().size());
    }
  }

  @Test
  void aCreatedContainerTheRuntimeNeverStoresLeavesTheSyncAfterTheWindow(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    FakePlugin b = new FakePlugin("20", "b", Event.START_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      f.advance(PendingCreations.WINDOW);
      f.admit(b);
      assertEquals(List.of(), containerIds(b), "c1 was created a whole window ago and never stored");
      assertEquals(0, f.core.pending().size());
    }
  }

  @Test
  void aNewConnectionOfAnExternalPluginReplacesTheOldOne(Vertx vertx) {
    FakePlugin old = new FakePlugin("10", "x", Event.RUN_POD_SANDBOX).kind("external");
    FakePlugin again = new FakePlugin("10", "x", Event.RUN_POD_SANDBOX).kind("external");
    try (CoreFixture f = CoreFixture.start(vertx).admit(old, again)) {
      assertTrue(old.isClosed());
      assertTrue(old.closeReason().startsWith("replaced by a new connection of 10-x"), old.closeReason());
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      assertFalse(old.methods().contains("RunPodSandbox"));
      assertTrue(again.methods().contains("RunPodSandbox"));
    }
  }

  @Test
  void aRejectedDuplicateIsNotAdmitted(Vertx vertx) {
    FakePlugin old = new FakePlugin("10", "x").kind("external");
    FakePlugin again = new FakePlugin("10", "x").kind("external");
    NriOptions reject = new NriOptions().setDuplicatePolicy(io.nrivertx.runtime.DuplicatePolicy.REJECT);
    try (CoreFixture f = CoreFixture.start(vertx, reject).admit(old)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(again)));
      assertTrue(e.getMessage().contains("refused by duplicatePolicy: reject"), e.getMessage());
      assertTrue(again.isClosed());
      assertFalse(old.isClosed());
    }
  }

  @Test
  void aFailedConfigureIsARefusalThatClosesThePlugin(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    FakePlugin p = new FakePlugin("10", "x").refuses(PluginCall.CONFIGURE, "no config");
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs))) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(p)));
      assertEquals("failed to configure plugin: no config", e.getMessage());
      assertEquals("not admitted: failed to configure plugin: no config", p.closeReason());
      assertTrue(obs.lines.contains("refused 10-x failed to configure plugin: no config"), obs.lines.toString());
      JsonObject refused = f.awaitAudit("plugin", 2);
      assertEquals("refused", refused.getString("action"));
    }
  }

  @Test
  void eventsOutsideTheValidRangeFailConfigure(Vertx vertx) {
    FakePlugin p = new FakePlugin("10", "x").on(PluginCall.CONFIGURE, q -> Future.succeededFuture(
        PluginReply.ok("10-x", ConfigureResponse.newBuilder().setEvents(1 << 20).build(), 1)));
    try (CoreFixture f = CoreFixture.start(vertx)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(p)));
      assertEquals("invalid plugin events: 0x100000", e.getMessage());
    }
  }

  @Test
  void aPluginThatDiesDuringSyncIsNotAdmitted(Vertx vertx) {
    FakePlugin p = new FakePlugin("10", "x");
    p.on(PluginCall.SYNCHRONIZE, q -> {
      p.close("gone");
      return Future.succeededFuture(PluginReply.ok("10-x", SynchronizeResponse.getDefaultInstance(), 1));
    });
    try (CoreFixture f = CoreFixture.start(vertx)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(p)));
      assertEquals("plugin 10-x closed during synchronization: gone", e.getMessage());
      assertEquals(List.of(), await(f.nri.plugins()));
    }
  }

  @Test
  void aFailedSynchronizeIsARefusal(Vertx vertx) {
    FakePlugin p = new FakePlugin("10", "x").refuses(PluginCall.SYNCHRONIZE, "cannot");
    try (CoreFixture f = CoreFixture.start(vertx)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(p)));
      assertEquals("failed to synchronize plugin: cannot", e.getMessage());
    }
  }

  @Test
  void aClosedPluginLeavesTheDispatchOrder(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    FakePlugin a = new FakePlugin("10", "a");
    FakePlugin b = new FakePlugin("20", "b");
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs)).admit(a, b)) {
      a.close("hung up");
      drain(f);
      assertEquals(List.of("20-b"), await(f.nri.plugins()));
      assertTrue(obs.lines.contains("closed 10-a hung up"), obs.lines.toString());
      assertEquals("active 1", obs.only("active").getLast());
    }
  }

  @Test
  void awaitingPluginsGivesUpOnTheClock(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a");
    try (CoreFixture f = CoreFixture.start(vertx)) {
      Future<Void> both = f.nri.awaitPlugins(List.of("10-a", "20-b"), Duration.ofSeconds(3));
      Future<Void> one = f.nri.awaitPlugins(List.of("10-a"), Duration.ofSeconds(3));
      f.admit(a);
      await(one);
      f.advance(Duration.ofSeconds(3));
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(both));
      assertEquals("plugins not registered within 3000 ms: waiting for [10-a, 20-b], have [10-a]", e.getMessage());
    }
  }

  @Test
  void aConnectionThatNeverRegisteredIsAudited(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    FakePlugin p = new FakePlugin("10", "slow");
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs))) {
      f.core.unregistered(p, true, "no RegisterPlugin within 5000 ms");
      drain(f);
      JsonObject rec = f.awaitAudit("plugin", 1);
      assertEquals("timedOut", rec.getString("action"));
      assertTrue(obs.lines.contains("refused 10-slow timedOut no RegisterPlugin within 5000 ms"), obs.lines.toString());
    }
  }

  @Test
  void shutdownTellsEveryPluginThenRefusesEvents(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX);
    CoreFixture f = CoreFixture.start(vertx).admit(a);
    f.close();
    assertTrue(a.methods().contains("Shutdown"));
    assertEquals("runtime shutting down", a.closeReason());
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"))));
    assertEquals(LifecycleException.Kind.UNAVAILABLE, e.kind());
  }
}
