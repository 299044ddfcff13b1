package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NRI v0.12.5's failure policy, decided by the core for every kind of plugin: a timeout or a lost
 * connection drops the plugin (a timeout not, with keepConnected) and the event goes on, unless
 * failRequest makes it fail the event. Builtins get the request timeout too.
 */
@ExtendWith(VertxExtension.class)
class FailurePolicyTest {
  private static FakePlugin hanging(String index, String name) {
    return new FakePlugin(index, name, Event.CREATE_CONTAINER)
        .waits(PluginCall.CREATE_CONTAINER, Promise.<CreateContainerResponse>promise().future());
  }

  private static Future<CreateContainerResponse> create(CoreFixture f) {
    return f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"));
  }

  @Test
  void aPluginThatTimesOutIsDroppedAndTheEventGoesOn(Vertx vertx) {
    FakePlugin slow = hanging("10", "slow");
    FakePlugin next = new FakePlugin("20", "next", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(slow, next)) {
      Future<CreateContainerResponse> created = create(f);
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(1999));
      assertFalse(created.isComplete(), "the request timeout is 2 s");
      f.advance(Duration.ofMillis(1));
      await(created);
      assertTrue(slow.isClosed());
      assertEquals("failed to handle CreateContainer request: no answer to CreateContainer within 2000 ms",
          slow.closeReason());
      assertTrue(next.methods().contains("CreateContainer"));
      assertEquals(List.of("20-next"), await(f.nri.plugins()));
      JsonArray calls = f.awaitAudit("event", 1).getJsonArray("plugins");
      assertEquals("timeout", calls.getJsonObject(0).getString("outcome"));
      assertEquals("context deadline exceeded", calls.getJsonObject(0).getString("error"));
    }
  }

  @Test
  void keepConnectedKeepsATimedOutPlugin(Vertx vertx) {
    FakePlugin slow = hanging("10", "slow").policy(false, true);
    try (CoreFixture f = CoreFixture.start(vertx).admit(slow)) {
      Future<CreateContainerResponse> created = create(f);
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      await(created);
      assertFalse(slow.isClosed());
      assertEquals(List.of("10-slow"), await(f.nri.plugins()));
    }
  }

  @Test
  void failRequestMakesATimeoutFailTheEvent(Vertx vertx) {
    FakePlugin slow = hanging("10", "slow").policy(true, false);
    FakePlugin next = new FakePlugin("20", "next", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(slow, next)) {
      Future<CreateContainerResponse> created = create(f);
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertInstanceOf(LifecycleException.DeadlineExceeded.class, e);
      assertEquals("plugin 10-slow failed to handle CreateContainer request: context deadline exceeded",
          e.getMessage());
      assertTrue(slow.isClosed(), "dropped as well: it did not ask to stay");
      assertFalse(next.methods().contains("CreateContainer"));
      assertEquals("error", f.awaitAudit("event", 1).getJsonArray("plugins").getJsonObject(0).getString("outcome"));
    }
  }

  @Test
  void aPluginThatDiesMidChainIsSkippedAndPruned(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    FakePlugin dying = new FakePlugin("20", "dying", Event.CREATE_CONTAINER).dies(PluginCall.CREATE_CONTAINER);
    FakePlugin c = new FakePlugin("30", "c", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, dying, c)) {
      await(create(f));
      assertTrue(c.methods().contains("CreateContainer"), "the event went on without it");
      assertEquals(List.of("10-a", "30-c"), await(f.nri.plugins()));
      assertEquals("closed", f.awaitAudit("event", 1).getJsonArray("plugins").getJsonObject(1).getString("outcome"));
      await(create(f));
      assertEquals(1, dying.methods().stream().filter("CreateContainer"::equals).count(), "never called again");
    }
  }

  @Test
  void withFailRequestALostConnectionFailsTheEvent(Vertx vertx) {
    FakePlugin dying = new FakePlugin("20", "dying", Event.CREATE_CONTAINER).policy(true, false)
        .dies(PluginCall.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(dying)) {
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(create(f)));
      assertEquals(LifecycleException.Kind.CONNECTION_LOST, e.kind());
      assertEquals("plugin 20-dying failed to handle CreateContainer request: ttrpc: closed", e.getMessage());
    }
  }

  @Test
  void aBuiltinGetsTheRequestTimeoutToo(Vertx vertx) {
    Promise<RunPodSandboxResponse> never = Promise.promise();
    io.nrivertx.plugin.BuiltinHandler stuck = new io.nrivertx.plugin.BuiltinHandler() {
      @Override
      public int events() {
        return io.nrivertx.service.EventMask.bit(Event.RUN_POD_SANDBOX);
      }

      @Override
      @SuppressWarnings("unchecked")
      public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> handle(
          PluginCall<Q, R> call, Q request) {
        return call == PluginCall.RUN_POD_SANDBOX ? (Future<R>) never.future() : Future.succeededFuture();
      }
    };
    try (CoreFixture f = CoreFixture.start(vertx)) {
      await(f.nri.addBuiltin("stuck", "10", stuck));
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      await(run);
      assertEquals(List.of(), await(f.nri.plugins()), "dropped like any plugin that does not answer");
    }
  }

  @Test
  void aPluginAlreadyClosedIsSkipped(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      EventRun<io.nrivertx.api.CreateContainerRequest, CreateContainerResponse> run = new EventRun<>(
          PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"), null, "p1", "c1", Deadline.NONE, 0,
          io.nrivertx.observe.EventScope.NONE);
      List<io.nrivertx.plugin.Plugin> both = f.core.plugins();
      a.close("gone");
      await(f.core.context().run(() -> f.core.chain().run(run, both, p -> run.request, (p, r) -> { }, p -> { })));
      assertFalse(a.methods().contains("CreateContainer"));
      assertTrue(b.methods().contains("CreateContainer"));
    }
  }
}
