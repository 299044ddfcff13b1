package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator's per-plugin settings on the core: each plugin's request and registration timeout,
 * and its failure policy against the one the plugin chose (each field the operator sets wins),
 * for external and builtin plugins alike. Time is the fake clock's.
 */
@ExtendWith(VertxExtension.class)
class PerPluginSettingsTest {
  private static FakePlugin hanging(String index, String name) {
    return new FakePlugin(index, name, Event.CREATE_CONTAINER)
        .waits(PluginCall.CREATE_CONTAINER, Promise.<CreateContainerResponse>promise().future());
  }

  private static NriOptions with(Map<String, PluginPolicy> plugins) {
    return new NriOptions().setPlugins(PluginPolicies.of(plugins));
  }

  private static Future<CreateContainerResponse> create(CoreFixture f, String ctr) {
    return f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create(ctr, "p1"));
  }

  @Test
  void aPluginsRequestTimeoutReplacesTheInstancesOne(Vertx vertx) {
    FakePlugin slow = hanging("10", "slow");
    FakePlugin other = hanging("20", "other").policy(false, true);
    NriOptions options = with(Map.of("slow", PluginPolicy.NONE.withRequestTimeout(Duration.ofMillis(300))));
    try (CoreFixture f = CoreFixture.start(vertx, options).admit(slow, other)) {
      ConfigureRequest told = (ConfigureRequest) slow.calls().getFirst().request();
      assertEquals(300, told.getRequestTimeout(), "the plugin is told its own timeout in Configure");
      assertEquals(2000, ((ConfigureRequest) other.calls().getFirst().request()).getRequestTimeout());
      Future<CreateContainerResponse> created = create(f, "c1");
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(299));
      assertFalse(slow.isClosed());
      f.advance(Duration.ofMillis(1));
      assertEquals("failed to handle CreateContainer request: no answer to CreateContainer within 300 ms",
          await(slow.closeFuture().map(v -> slow.closeReason())));
      assertEquals(300, slow.calls().get(2).options().timeoutMillis());
      f.advance(Duration.ofMillis(1999));
      assertFalse(created.isComplete(), "the next plugin has the instance's 2 s");
      f.advance(Duration.ofMillis(1));
      await(created);
    }
  }

  @Test
  void anNnNameEntryOverridesTheNameEntryFieldByField(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "x", Event.CREATE_CONTAINER);
    FakePlugin b = new FakePlugin("20", "x", Event.CREATE_CONTAINER);
    NriOptions options = with(Map.of(
        "x", PluginPolicy.NONE.withRequestTimeout(Duration.ofMillis(700)).withRegistrationTimeout(Duration.ofSeconds(9)),
        "20-x", PluginPolicy.NONE.withRequestTimeout(Duration.ofMillis(400))));
    try (CoreFixture f = CoreFixture.start(vertx, options).admit(a, b)) {
      ConfigureRequest toA = (ConfigureRequest) a.calls().getFirst().request();
      ConfigureRequest toB = (ConfigureRequest) b.calls().getFirst().request();
      assertEquals(List.of(700L, 9000L), List.of(toA.getRequestTimeout(), toA.getRegistrationTimeout()));
      assertEquals(List.of(400L, 9000L), List.of(toB.getRequestTimeout(), toB.getRegistrationTimeout()));
      await(create(f, "c1"));
      assertEquals(700, a.calls().getLast().options().timeoutMillis());
      assertEquals(400, b.calls().getLast().options().timeoutMillis());
    }
  }

  /**
   * Every combination of the operator's failurePolicy fields (unset, true, false) with the plugin's
   * own choice, for a plugin that times out: whether the event fails and whether the plugin stays.
   */
  @ParameterizedTest(name = "operator fail={0} keep={1}, plugin fail={2} keep={3}: event fails={4}, stays={5}")
  @CsvSource({
      // operator (empty: unset) | plugin's own | outcome
      ",,false,false,false,false",
      ",,true,false,true,false",
      ",,false,true,false,true",
      ",,true,true,true,true",
      "true,,false,false,true,false",
      "false,,true,false,false,false",
      ",true,false,false,false,true",
      ",false,false,true,false,false",
      "true,true,false,false,true,true",
      "false,false,true,true,false,false",
      "true,false,false,true,true,false",
      "false,true,true,false,false,true"})
  void theOperatorsFailurePolicyWinsFieldByField(Boolean opFail, Boolean opKeep, boolean ownFail, boolean ownKeep,
                                                 boolean fails, boolean stays, Vertx vertx) {
    FakePlugin slow = hanging("10", "slow").policy(ownFail, ownKeep);
    NriOptions options = with(Map.of("10-slow", PluginPolicy.NONE.withFailRequest(opFail).withKeepConnected(opKeep)
        .withRequestTimeout(Duration.ofMillis(100))));
    try (CoreFixture f = CoreFixture.start(vertx, options).admit(slow)) {
      Future<CreateContainerResponse> created = create(f, "c1");
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(100));
      if (fails) {
        LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
        assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
        assertEquals("10-slow", e.plugin());
      } else {
        await(created);
      }
      assertEquals(stays, !slow.isClosed());
      assertEquals(stays ? List.of("10-slow") : List.of(), await(f.nri.plugins()));
    }
  }

  @Test
  void theOperatorsFailRequestAlsoAppliesToALostConnection(Vertx vertx) {
    FakePlugin dying = new FakePlugin("10", "dying", Event.CREATE_CONTAINER).dies(PluginCall.CREATE_CONTAINER);
    NriOptions options = with(Map.of("dying", PluginPolicy.NONE.withFailRequest(true)));
    try (CoreFixture f = CoreFixture.start(vertx, options).admit(dying)) {
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(create(f, "c1")));
      assertEquals(LifecycleException.Kind.CONNECTION_LOST, e.kind());
      assertEquals("plugin 10-dying failed to handle CreateContainer request: ttrpc: closed", e.getMessage());
    }
  }

  @Test
  void aBuiltinGetsItsOwnTimeoutAndTheOperatorsFailurePolicy(Vertx vertx) {
    Promise<RunPodSandboxResponse> never = Promise.promise();
    BuiltinHandler stuck = new BuiltinHandler() {
      @Override
      public int events() {
        return EventMask.bit(Event.RUN_POD_SANDBOX);
      }

      @Override
      @SuppressWarnings("unchecked")
      public <Q extends Message, R extends Message> Future<R> handle(PluginCall<Q, R> call, Q request) {
        return call == PluginCall.RUN_POD_SANDBOX ? (Future<R>) never.future() : Future.succeededFuture();
      }
    };
    NriOptions options = with(Map.of("stuck", PluginPolicy.NONE.withRequestTimeout(Duration.ofMillis(250))
        .withFailRequest(true).withKeepConnected(true)));
    try (CoreFixture f = CoreFixture.start(vertx, options)) {
      await(f.nri.addBuiltin("stuck", "05", stuck));
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(249));
      assertFalse(run.isComplete());
      f.advance(Duration.ofMillis(1));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(run));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertEquals("plugin 05-stuck failed to handle RunPodSandbox request: context deadline exceeded", e.getMessage());
      assertEquals(List.of("05-stuck"), await(f.nri.plugins()), "kept connected, as the operator said");
    }
  }

  @Test
  void aCallersDeadlineStillCutsAPluginsOwnTimeout(Vertx vertx) {
    FakePlugin slow = hanging("10", "slow");
    NriOptions options = with(Map.of("slow", PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(30))));
    try (CoreFixture f = CoreFixture.start(vertx, options).admit(slow)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"),
          new io.nrivertx.RequestOptions().setTimeout(Duration.ofSeconds(1)));
      await(f.core.pluginIds());
      assertEquals(950, slow.calls().getLast().options().timeoutMillis(), "1 s less the 50 ms margin");
      f.advance(Duration.ofMillis(950));
      await(created);
      assertTrue(!slow.isClosed(), "a timeout the caller's deadline imposed does not drop the plugin");
    }
  }
}
