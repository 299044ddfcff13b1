package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
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
 * Builtin (in-JVM) plugins under the operator's per-plugin settings, as external ones are: a
 * builtin that never answers RunPodSandbox is timed out at its own {@code requestTimeout} (not
 * the global one), then skipped or failing the event, and dropped or kept, as its
 * {@code failurePolicy} says; with {@code required: true} it fails the event closed and is missing
 * afterwards. Time is the fake clock's.
 */
@ExtendWith(VertxExtension.class)
class BuiltinPoliciesTest {
  private static final Duration OWN = Duration.ofMillis(250);

  /** Answers every call at once except RunPodSandbox, which it never answers. */
  private static BuiltinHandler stuck() {
    Promise<RunPodSandboxResponse> never = Promise.promise();
    return new BuiltinHandler() {
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
  }

  private static NriOptions options(PluginPolicy stuck) {
    // The global timeout is far longer: only the plugin's own can end the call at 250 ms.
    return new NriOptions().setRequestTimeout(Duration.ofSeconds(30))
        .setPlugins(PluginPolicies.of(Map.of("stuck", stuck.withRequestTimeout(OWN))));
  }

  @ParameterizedTest(name = "failRequest {0}, keepConnected {1}")
  @CsvSource(nullValues = "unset", value = {
      "unset, unset, false, false",
      "false, true, false, true",
      "true, false, true, false",
      "true, true, true, true"})
  void aSlowBuiltinIsTimedOutAtItsOwnTimeoutThenSkippedOrFailingAndDroppedOrKept(Boolean failRequest,
      Boolean keepConnected, boolean fails, boolean kept, Vertx vertx) {
    NriOptions options = options(PluginPolicy.NONE.withFailRequest(failRequest).withKeepConnected(keepConnected));
    try (CoreFixture f = CoreFixture.start(vertx, options)) {
      await(f.nri.addBuiltin("stuck", "05", stuck()));
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      await(f.core.pluginIds());
      f.advance(OWN.minusMillis(1));
      assertFalse(run.isComplete(), "still waiting for the plugin");
      f.advance(Duration.ofMillis(1));
      if (fails) {
        LifecycleException e = assertThrows(LifecycleException.class, () -> await(run));
        assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
        assertEquals("05-stuck", e.plugin());
        assertEquals("plugin 05-stuck failed to handle RunPodSandbox request: context deadline exceeded", e.getMessage());
      } else {
        await(run);
      }
      assertEquals(kept ? List.of("05-stuck") : List.of(), await(f.nri.plugins()));
    }
  }

  @Test
  void aRequiredBuiltinThatTimesOutFailsTheEventClosedAndIsMissingFromThenOn(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx, options(PluginPolicy.NONE.withRequired(true).withFailRequest(false)))) {
      await(f.nri.addBuiltin("stuck", "05", stuck()));
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      await(f.core.pluginIds());
      f.advance(OWN);
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(run));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertTrue(e.getMessage().startsWith("plugin 05-stuck failed to handle RunPodSandbox request: context deadline"
          + " exceeded (required plugin: RunPodSandbox fails closed"), e.getMessage());
      e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p2"))));
      assertEquals(LifecycleException.Kind.UNAVAILABLE, e.kind());
      assertTrue(e.getMessage().startsWith("RunPodSandbox refused: required plugin stuck is not registered"),
          e.getMessage());
    }
  }
}
