package io.nrivertx.interop;

import static io.nrivertx.interop.PolicyPlugins.create;
import static io.nrivertx.interop.PolicyPlugins.failure;
import static io.nrivertx.interop.PolicyPlugins.outcome;
import static io.nrivertx.interop.PolicyPlugins.pod;
import static io.nrivertx.interop.PolicyPlugins.recorder;
import static io.nrivertx.interop.PolicyPlugins.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.RequestOptions;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.interop.PolicyPlugins.Recorder;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code required: true} against a Go plugin on the official stub (docs/configuration.md,
 * "Required plugins"): RunPodSandbox and CreateContainer fail closed, naming the plugin, while it
 * is not registered, when it times out (whatever failure policy the operator gave it), and when
 * its connection breaks; a pod annotated with the default validator's tolerate-missing
 * annotation goes through all the same; other events are never refused.
 */
class RequiredPluginsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TOLERATE = "example.com/tolerate-missing-plugins";

  @AfterEach
  void nothingLeft() {
    ChildProcesses.assertNoLeftovers(Set.of(), Duration.ofSeconds(10));
  }

  private static NriOptions requiring(String key, PluginPolicy policy) {
    return new NriOptions().setRequestTimeout(Duration.ofSeconds(10))
        .setPlugins(PluginPolicies.of(Map.of(key, policy.withRequired(true))))
        .setDefaultValidator(new DefaultValidatorConfig(false, false, false, false, false, false, false, List.of(),
            TOLERATE));
  }

  private static void assertUnavailable(String event, String key, Future<?> refused) {
    LifecycleException e = failure(refused);
    assertEquals(LifecycleException.Kind.UNAVAILABLE, e.kind(), e.getMessage());
    assertEquals(key, e.plugin());
    assertEquals(event + " refused: required plugin " + key + " is not registered (plugins: " + key + ": required: true);"
        + " start it, or annotate the pod " + TOLERATE + ": \"true\" to tolerate missing plugins", e.getMessage());
  }

  @Test
  void beforeTheRequiredPluginRegistersPodsAndContainersAreRefusedUnlessTheyTolerateIt() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(requiring("guard", PluginPolicy.NONE));
      PodSandbox web = pod(rt, "web", Map.of());
      assertUnavailable("RunPodSandbox", "guard", run(nri, web));
      assertUnavailable("CreateContainer", "guard", create(rt, nri, web, "app", new RequestOptions()));
      assertEquals("ok", outcome(nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(web)
          .setContainer(rt.container("ctr-old", web.getId(), "old", ContainerState.CONTAINER_CREATED)).build())),
          "other events are never refused for a missing plugin");

      PodSandbox tolerant = pod(rt, "tolerant", Map.of(TOLERATE, "true"));
      assertEquals("ok", outcome(run(nri, tolerant)), "the pod tolerates missing plugins");
      PodSandbox oneContainer = pod(rt, "one", Map.of(TOLERATE + "/container.sidecar", "1"));
      assertEquals("ok", outcome(create(rt, nri, oneContainer, "sidecar", new RequestOptions())),
          "NRI's per-container form of the annotation");
      assertUnavailable("CreateContainer", "guard", create(rt, nri, oneContainer, "app", new RequestOptions()));

      // Any index satisfies a "name" key.
      Recorder guard = recorder(rt, "30", "guard", "never-matches");
      RuntimeFixture.await(nri.awaitPlugins(List.of(guard.id()), WAIT));
      assertEquals("ok", outcome(run(nri, web)));
      guard.log().awaitLine(l -> "RunPodSandbox".equals(l.getString("event"))
          && "web".equals(l.getJsonObject("pod").getString("name")), WAIT);
    }
  }

  @Test
  void aRequiredPluginThatTimesOutFailsTheEventEvenIfTheOperatorSaidNotToThenIsMissing() {
    PluginPolicy lenient = PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(1)).withFailRequest(false);
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(requiring("10-guard", lenient));
      Recorder guard = recorder(rt, "10", "guard", "stall");
      RuntimeFixture.await(nri.awaitPlugins(List.of(guard.id()), WAIT));
      PodSandbox pod = pod(rt, "web", Map.of());
      assertEquals("ok", outcome(run(nri, pod)));

      LifecycleException e = failure(create(rt, nri, pod, "stall", new RequestOptions()));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind(), e.getMessage());
      assertEquals("10-guard", e.plugin());
      assertTrue(e.getMessage().startsWith("plugin 10-guard failed to handle CreateContainer request: "), e.getMessage());
      assertTrue(e.getMessage().endsWith(" (required plugin: CreateContainer fails closed, or annotate the pod " + TOLERATE
          + ": \"true\" to tolerate missing plugins)"), e.getMessage());

      guard.log().awaitEvent("ConnectionClosed", WAIT);
      assertUnavailable("RunPodSandbox", "10-guard", run(nri, pod(rt, "next", Map.of())));
      assertEquals("ok", outcome(run(nri, pod(rt, "tolerant", Map.of(TOLERATE + "/pod", "True")))));
    }
  }

  @Test
  void aRequiredPluginKeptConnectedFailsOnlyTheEventItTimedOutOn() {
    PluginPolicy keep = PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(1)).withKeepConnected(true);
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(requiring("guard", keep));
      Recorder guard = recorder(rt, "10", "guard", "stall");
      RuntimeFixture.await(nri.awaitPlugins(List.of(guard.id()), WAIT));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED + " 10-guard", outcome(run(nri, pod(rt, "stall", Map.of()))));
      assertEquals("ok", outcome(run(nri, pod(rt, "next", Map.of()))));
      guard.log().awaitLine(l -> "RunPodSandbox".equals(l.getString("event"))
          && "next".equals(l.getJsonObject("pod").getString("name")), WAIT);
      assertEquals(List.of("10-guard"), RuntimeFixture.await(nri.plugins()));
    }
  }

  @Test
  void aRequiredPluginWhoseConnectionBreaksMidEventFailsItThenIsMissingUntilItComesBack() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(requiring("10-guard", PluginPolicy.NONE.withFailRequest(false)));
      Recorder guard = recorder(rt, "10", "guard", "stall");
      RuntimeFixture.await(nri.awaitPlugins(List.of(guard.id()), WAIT));
      Future<RunPodSandboxResponse> event = run(nri, pod(rt, "stall", Map.of()));
      guard.log().awaitLine(JsonLines.isEvent("RunPodSandbox"), WAIT);
      guard.process().kill9();
      LifecycleException e = failure(event);
      assertEquals(LifecycleException.Kind.CONNECTION_LOST, e.kind(), e.getMessage());
      assertEquals("10-guard", e.plugin());
      assertTrue(e.getMessage().contains("(required plugin: RunPodSandbox fails closed"), e.getMessage());
      assertUnavailable("RunPodSandbox", "10-guard", run(nri, pod(rt, "next", Map.of())));

      Recorder again = recorder(rt, "10", "guard", "stall");
      RuntimeFixture.await(nri.awaitPlugins(List.of(again.id()), WAIT));
      assertEquals("ok", outcome(run(nri, pod(rt, "back", Map.of()))), "registered again: no longer refused");
    }
  }
}
