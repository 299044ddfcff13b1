package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failing plugin, a conflict or a bug stops the event with its own kind; nothing passes as success. */
@ExtendWith(VertxExtension.class)
class EventFailureTest {
  private static CreateContainerResponse annotate(String key, String value) {
    return CreateContainerResponse.newBuilder()
        .setAdjust(ContainerAdjustment.newBuilder().putAnnotations(key, value)).build();
  }

  @Test
  void aRefusalStopsTheChainAndFailsTheEventAsRefused(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).refuses(PluginCall.CREATE_CONTAINER, "no way");
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      LifecycleException.Refused refused = assertInstanceOf(LifecycleException.Refused.class, e);
      assertEquals("no way", e.getMessage());
      assertEquals(LifecycleException.Kind.REFUSED, e.kind());
      assertEquals("10-a", e.plugin());
      assertEquals("CreateContainer", e.event());
      assertEquals(2, refused.code());
      assertFalse(b.methods().contains("CreateContainer"), "plugins after a refusal are not called");
      JsonObject record = f.awaitAudit("event", 1);
      assertFalse(record.getBoolean("ok"));
      assertEquals("refused", record.getString("errorKind"));
      assertEquals("no way", record.getString("error"));
      assertEquals("error", record.getJsonArray("plugins").getJsonObject(0).getString("outcome"));
    }
  }

  @Test
  void twoPluginsClaimingOneFieldFailTheEventAsAConflict(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER)
        .replies(PluginCall.CREATE_CONTAINER, annotate("owner", "a"));
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER)
        .replies(PluginCall.CREATE_CONTAINER, annotate("owner", "b"));
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertInstanceOf(LifecycleException.Conflict.class, e);
      assertEquals("20-b", e.plugin());
      assertTrue(e.getMessage().startsWith("plugins \"20-b\" and \"10-a\" both tried to set"), e.getMessage());
      assertInstanceOf(io.nrivertx.merge.MergeConflictException.class, e.getCause());
      assertNull(f.awaitAudit("event", 1).getValue("result"), "nothing merged is reported");
    }
  }

  @Test
  void aFoldThrowingAMessagelessExceptionFailsTheEventAsInternal(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      CreateContainerRequest req = Requests.create("c1", "p1");
      EventRun<CreateContainerRequest, CreateContainerResponse> run = new EventRun<>(PluginCall.CREATE_CONTAINER,
          req, "k8s.io", "p1", "c1", Deadline.NONE, 0, io.nrivertx.observe.EventScope.NONE);
      Future<Void> chain = f.core.context().run(() -> f.core.chain().run(run, f.core.plugins(), p -> req,
          (p, reply) -> {
            throw new NullPointerException();
          }, p -> { }));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(chain));
      assertInstanceOf(LifecycleException.Internal.class, e);
      assertEquals(LifecycleException.Kind.INTERNAL, e.kind());
      assertEquals("10-a", e.plugin());
      assertInstanceOf(NullPointerException.class, e.getCause());
      assertFalse(b.methods().contains("CreateContainer"), "the chain stops: no half-merged success");
    }
  }

  @Test
  void aBuiltinThatThrowsFailsTheEventAsInternalNotAsARefusal(Vertx vertx) {
    BuiltinHandler buggy = new BuiltinHandler() {
      @Override
      public int events() {
        return EventMask.bit(Event.CREATE_CONTAINER);
      }

      @Override
      public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> handle(
          PluginCall<Q, R> call, Q request) {
        if (call == PluginCall.CREATE_CONTAINER) {
          throw new IllegalStateException();
        }
        return Future.succeededFuture();
      }
    };
    try (CoreFixture f = CoreFixture.start(vertx)) {
      await(f.nri.addBuiltin("buggy", "10", buggy));
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertEquals(LifecycleException.Kind.INTERNAL, e.kind());
      assertEquals("10-buggy", e.plugin());
      assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
      assertEquals("internal", f.awaitAudit("event", 1).getString("errorKind"));
    }
  }

  @Test
  void aBuiltinsFailedFutureIsItsRefusal(Vertx vertx) {
    BuiltinHandler refusing = new BuiltinHandler() {
      @Override
      public int events() {
        return EventMask.bit(Event.CREATE_CONTAINER);
      }

      @Override
      public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> handle(
          PluginCall<Q, R> call, Q request) {
        return call == PluginCall.CREATE_CONTAINER ? Future.failedFuture(new IllegalArgumentException())
            : Future.succeededFuture();
      }
    };
    try (CoreFixture f = CoreFixture.start(vertx)) {
      await(f.nri.addBuiltin("refusing", "10", refusing));
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertEquals(LifecycleException.Kind.REFUSED, e.kind());
      assertEquals("java.lang.IllegalArgumentException", e.getMessage(), "a message-less failure still says what");
    }
  }

  @Test
  void aPluginThatMergesCleanlyGivesTheMergedResult(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER, annotate("x", "1"));
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER, annotate("y", "2"));
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      CreateContainerResponse merged = await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      assertEquals("1", merged.getAdjust().getAnnotationsMap().get("x"));
      assertEquals("2", merged.getAdjust().getAnnotationsMap().get("y"));
      CreateContainerRequest seenByB = (CreateContainerRequest) b.calls().getLast().request();
      assertEquals("1", seenByB.getContainer().getAnnotationsMap().get("x"), "b sees what a changed");
      JsonObject record = f.awaitAudit("event", 1);
      assertTrue(record.getBoolean("ok"));
      assertEquals(List.of("10-a", "20-b"), record.getJsonArray("plugins").stream()
          .map(o -> ((JsonObject) o).getString("plugin")).toList());
      assertEquals("k8s.io", record.getString("namespace"), "the only domain names the event");
    }
  }
}
