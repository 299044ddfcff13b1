package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.RequestOptions;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The caller's deadline: each call gets min(its timeout, what is left − margin); a plugin with no
 * time left is handled as timed out; the event never answers after the deadline. Fake clock:
 * request timeout 2 s, margin 50 ms.
 */
@ExtendWith(VertxExtension.class)
class DeadlineTest {
  private static RequestOptions within(long millis) {
    return new RequestOptions().setTimeout(Duration.ofMillis(millis));
  }

  @Test
  void eachCallGetsWhatTheDeadlineLeavesLessTheMargin(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"), within(500)));
      assertEquals(450, a.calls().getLast().options().timeoutMillis());
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c2", "p1"), within(60_000)));
      assertEquals(2000, a.calls().getLast().options().timeoutMillis(), "a far deadline leaves the plugin's own");
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c3", "p1")));
      assertEquals(2000, a.calls().getLast().options().timeoutMillis(), "no deadline: the plugin's own");
    }
  }

  @Test
  void aCallTheDeadlineCutShortTimesOutWithoutDroppingThePlugin(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER)
        .waits(PluginCall.CREATE_CONTAINER, Promise.<CreateContainerResponse>promise().future());
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"),
          within(500));
      await(f.core.pluginIds());
      assertFalse(created.isComplete());
      f.advance(Duration.ofMillis(450));
      await(created);
      assertFalse(a.isClosed(), "its own timeout was not reached: it stays");
      assertFalse(b.methods().contains("CreateContainer"), "nothing was left for b");
      JsonArray calls = f.awaitAudit("event", 1).getJsonArray("plugins");
      assertEquals("timeout", calls.getJsonObject(0).getString("outcome"));
      assertEquals("timeout", calls.getJsonObject(1).getString("outcome"));
      assertEquals("20-b", calls.getJsonObject(1).getString("plugin"));
    }
  }

  @Test
  void withFailRequestTheCutCallFailsTheEventNamingThePlugin(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).policy(true, false)
        .waits(PluginCall.CREATE_CONTAINER, Promise.<CreateContainerResponse>promise().future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"),
          within(500));
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(450));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertInstanceOf(LifecycleException.DeadlineExceeded.class, e);
      assertEquals("10-a", e.plugin());
      assertEquals("plugin 10-a failed to handle CreateContainer request: context deadline exceeded", e.getMessage());
      assertFalse(a.isClosed());
    }
  }

  @Test
  void aPluginLeftNoTimeIsNotCalledAndItsPolicyDecides(Vertx vertx) {
    Promise<CreateContainerResponse> slow = Promise.promise();
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).waits(PluginCall.CREATE_CONTAINER, slow.future());
    FakePlugin b = new FakePlugin("20", "b", Event.CREATE_CONTAINER).policy(true, false);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"),
          within(500));
      await(f.core.pluginIds());
      f.advance(Duration.ofNanos(449_500_000));
      slow.complete(CreateContainerResponse.getDefaultInstance());
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertEquals("10-a", e.plugin(), "named: the plugin that used the time");
      assertTrue(e.getMessage().startsWith("plugin 20-b not called for CreateContainer: no time left of the caller's"
          + " deadline (10-a used 449 ms of it)"), e.getMessage());
      assertFalse(b.methods().contains("CreateContainer"));
      assertEquals("deadline_exceeded", f.awaitAudit("event", 1).getString("errorKind"));
    }
  }

  @Test
  void anEventWaitingPastItsDeadlineIsAnsweredThenAndNeverSentToPlugins(Vertx vertx) {
    Promise<RunPodSandboxResponse> first = Promise.promise();
    FakePlugin a = new FakePlugin("10", "a", Event.RUN_POD_SANDBOX, Event.START_CONTAINER)
        .waits(PluginCall.RUN_POD_SANDBOX, first.future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Future<RunPodSandboxResponse> blocking = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      var late = f.nri.request(PluginCall.START_CONTAINER, Requests.start("c1", "p1"), within(500));
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(474));
      assertFalse(late.isComplete(), "not before half the margin before the deadline");
      f.advance(Duration.ofMillis(1));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(late));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertTrue(e.getMessage().contains("before any plugin was called"), e.getMessage());
      first.complete(RunPodSandboxResponse.getDefaultInstance());
      await(blocking);
      await(f.core.pluginIds());
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox"), a.methods(), "StartContainer never sent");
      JsonObject record = f.awaitAudit("event", 2);
      assertEquals("StartContainer", record.getString("event"));
      assertEquals("deadline_exceeded", record.getString("errorKind"));
    }
  }

  @Test
  void aDeadlineAlreadyPastFailsAtOnce(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(f.nri.request(
          PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"),
          new RequestOptions().setDeadline(f.clock.now().minusSeconds(1)))));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertFalse(a.methods().contains("CreateContainer"));
    }
  }

  @Test
  void theEarlierOfDeadlineAndTimeoutCounts(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"),
          new RequestOptions().setTimeout(Duration.ofSeconds(1)).setDeadline(f.clock.now().plusMillis(300))));
      assertEquals(250, a.calls().getLast().options().timeoutMillis());
      assertThrows(IllegalArgumentException.class, () -> new RequestOptions().setTimeout(Duration.ofMillis(-1)));
    }
  }
}
