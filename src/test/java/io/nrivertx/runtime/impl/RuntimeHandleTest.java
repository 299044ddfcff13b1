package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedder's handle: no hop on the core's context, answers on the caller's, confinement checks. */
@ExtendWith(VertxExtension.class)
class RuntimeHandleTest {
  @Test
  void onTheCoresContextARequestReachesThePluginBeforeRequestReturns(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Future<List<String>> seen = f.core.context().run(() -> {
        f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
        return Future.succeededFuture(a.methods());
      });
      assertEquals("RunPodSandbox", await(seen).getLast(), "no event bus, no hop: called synchronously");
      assertSame(a.calls().getLast().thread(), a.calls().getFirst().thread(), "on the core's thread");
    }
  }

  @Test
  void fromAnotherContextTheAnswerComesBackThere(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Context mine = vertx.getOrCreateContext();
      AtomicReference<Thread> answeredOn = new AtomicReference<>();
      AtomicReference<Thread> callerThread = new AtomicReference<>();
      Promise<Void> done = Promise.promise();
      mine.runOnContext(v -> {
        callerThread.set(Thread.currentThread());
        f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")).onComplete(ar -> {
          answeredOn.set(Thread.currentThread());
          done.handle(ar.mapEmpty());
        });
      });
      await(done.future());
      assertSame(callerThread.get(), answeredOn.get());
      assertNotSame(a.calls().getLast().thread(), answeredOn.get(), "the plugin ran on the core, not the caller");
      RunPodSandboxResponse fromPlainThread = await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      assertEquals(RunPodSandboxResponse.getDefaultInstance(), fromPlainThread);
    }
  }

  @Test
  void coreStateRefusesOtherThreads(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx)) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> f.core.gate().shared(() -> Future.succeededFuture()));
      assertTrue(e.getMessage().startsWith("SyncGate is confined to the runtime core's context"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> f.core.pods().inOrder("p", Future::succeededFuture));
      assertThrows(IllegalStateException.class, () -> f.core.activate(new FakePlugin("10", "x")));
      assertThrows(IllegalStateException.class, () -> CoreContext.ofCurrent(null), "not on an event loop");
    }
  }

  @Test
  void optionsDomainsAndBuiltins(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx)) {
      NriRuntime nri = f.nri;
      assertTrue(nri.options().isDisableConnections());
      assertEquals(nri.options().getBusPrefix() + ".lifecycle", nri.addresses().lifecycle());
      assertThrows(IllegalArgumentException.class, () -> await(nri.addBuiltin("bad name!", "10", null)));
      assertThrows(IllegalStateException.class, () -> await(nri.addDomain(new io.nrivertx.domain.InMemoryDomain("k8s.io"))));
    }
  }

  @Test
  void disabledNriAnswersEventsWithoutPlugins(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setDisable(true))) {
      assertEquals(RunPodSandboxResponse.getDefaultInstance(),
          await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"))));
      assertEquals(List.of(), await(f.nri.plugins()));
    }
  }
}
