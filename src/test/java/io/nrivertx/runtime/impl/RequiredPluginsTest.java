package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import io.nrivertx.service.PluginCall;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code required: true}: RunPodSandbox and CreateContainer fail closed while the plugin is not
 * registered and synchronized or when it fails during the event, unless the pod tolerates
 * missing plugins through the default validator's annotation; other events are never refused.
 */
@ExtendWith(VertxExtension.class)
class RequiredPluginsTest {
  private static final String TOLERATE = "tolerate-missing-plugins.example.com";

  private static NriOptions requiring(String key) {
    return new NriOptions()
        .setPlugins(PluginPolicies.of(Map.of(key, PluginPolicy.NONE.withRequired(true))))
        .setDefaultValidator(new DefaultValidatorConfig(false, false, false, false, false, false, false, List.of(),
            TOLERATE));
  }

  private static RunPodSandboxRequest pod(String id, Map<String, String> annotations) {
    return RunPodSandboxRequest.newBuilder().setPod(Requests.pod(id).toBuilder().putAllAnnotations(annotations)).build();
  }

  @Test
  void aMissingRequiredPluginRefusesPodsAndContainersNamingIt(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx, requiring("10-policy"))) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"))));
      assertEquals(LifecycleException.Kind.UNAVAILABLE, e.kind());
      assertEquals("10-policy", e.plugin());
      assertEquals("RunPodSandbox refused: required plugin 10-policy is not registered (plugins: 10-policy: required:"
          + " true); start it, or annotate the pod " + TOLERATE + ": \"true\" to tolerate missing plugins", e.getMessage());
      e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertTrue(e.getMessage().startsWith("CreateContainer refused: required plugin 10-policy"), e.getMessage());
      await(f.nri.request(PluginCall.START_CONTAINER, Requests.start("c1", "p1")));
      f.awaitAudit("event", 3);
      assertEquals(List.of("unavailable", "unavailable"), f.audit("event").stream().filter(r -> !r.getBoolean("ok"))
          .map(r -> r.getString("errorKind")).toList(), "both refusals are in the audit stream");
    }
  }

  @Test
  void onceRegisteredAndSynchronizedTheRequiredPluginLetsEventsThrough(Vertx vertx) {
    FakePlugin policy = new FakePlugin("10", "policy", Event.RUN_POD_SANDBOX);
    FakePlugin other = new FakePlugin("20", "policy");
    try (CoreFixture f = CoreFixture.start(vertx, requiring("policy")).admit(other)) {
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1")));
      f.admit(policy);
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p2")));
      assertTrue(policy.methods().contains("RunPodSandbox"));
    }
  }

  @Test
  void aPodThatToleratesMissingPluginsIsNotRefused(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx, requiring("policy"))) {
      await(f.nri.request(PluginCall.RUN_POD_SANDBOX, pod("p1", Map.of(TOLERATE, "true"))));
      CreateContainerRequest ctr = CreateContainerRequest.newBuilder()
          .setPod(Requests.pod("p2").toBuilder().putAnnotations(TOLERATE + "/container.c2-name", "True"))
          .setContainer(Requests.container("c2", "p2")).build();
      await(f.nri.request(PluginCall.CREATE_CONTAINER, ctr));
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, pod("p3", Map.of(TOLERATE + "/pod", "maybe")))));
      assertTrue(e.getMessage().endsWith("(its value \"maybe\" is not a boolean)"), e.getMessage());
      assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, pod("p4", Map.of(TOLERATE, "false")))));
    }
  }

  @Test
  void withoutATolerateAnnotationTheErrorSaysHowToSetOneUp(Vertx vertx) {
    NriOptions options = new NriOptions().setPlugins(PluginPolicies.of(Map.of("x", PluginPolicy.NONE.withRequired(true))));
    try (CoreFixture f = CoreFixture.start(vertx, options)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"))));
      assertTrue(e.getMessage().endsWith("or set defaultValidator.tolerateMissingPluginsAnnotation and annotate the pod"
          + " to tolerate missing plugins"), e.getMessage());
    }
  }

  @Test
  void aRequiredPluginThatTimesOutFailsTheEventWhateverItsOwnPolicy(Vertx vertx) {
    FakePlugin slow = new FakePlugin("10", "policy", Event.CREATE_CONTAINER, Event.START_CONTAINER)
        .waits(PluginCall.CREATE_CONTAINER, Promise.<CreateContainerResponse>promise().future());
    try (CoreFixture f = CoreFixture.start(vertx, requiring("10-policy")).admit(slow)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertEquals("plugin 10-policy failed to handle CreateContainer request: context deadline exceeded (required"
          + " plugin: CreateContainer fails closed, or annotate the pod " + TOLERATE + ": \"true\" to tolerate missing"
          + " plugins)", e.getMessage());
      assertTrue(slow.isClosed(), "dropped, as its policy says");
      e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p2"))));
      assertEquals(LifecycleException.Kind.UNAVAILABLE, e.kind(), "and from now on it is missing");
    }
  }

  @Test
  void aRequiredPluginKeptConnectedStaysAndOnlyThatEventFails(Vertx vertx) {
    Promise<RunPodSandboxResponse> late = Promise.promise();
    FakePlugin slow = new FakePlugin("10", "policy", Event.RUN_POD_SANDBOX).waits(PluginCall.RUN_POD_SANDBOX,
        late.future());
    NriOptions options = requiring("10-policy").setPlugins(PluginPolicies.of(Map.of("10-policy",
        PluginPolicy.NONE.withRequired(true).withKeepConnected(true).withRequestTimeout(Duration.ofMillis(100)))));
    try (CoreFixture f = CoreFixture.start(vertx, options).admit(slow)) {
      Future<RunPodSandboxResponse> run = f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(100));
      assertThrows(LifecycleException.class, () -> await(run));
      assertFalse(slow.isClosed());
      late.complete(RunPodSandboxResponse.getDefaultInstance());
      Future<RunPodSandboxResponse> next = f.nri.request(PluginCall.RUN_POD_SANDBOX, pod("p2", Map.of(TOLERATE, "1")));
      await(f.core.pluginIds());
      await(next);
    }
  }

  @Test
  void aRequiredPluginFailingAnEventItDoesNotGuardFollowsItsOwnPolicy(Vertx vertx) {
    FakePlugin dying = new FakePlugin("10", "policy", Event.START_CONTAINER).dies(PluginCall.START_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx, requiring("policy")).admit(dying)) {
      await(f.nri.request(PluginCall.START_CONTAINER, Requests.start("c1", "p1")));
      assertTrue(dying.isClosed());
    }
  }

  @Test
  void aRequiredPluginClosedBeforeItsTurnFailsTheEvent(Vertx vertx) {
    FakePlugin first = new FakePlugin("05", "first", Event.RUN_POD_SANDBOX);
    FakePlugin policy = new FakePlugin("10", "policy", Event.RUN_POD_SANDBOX);
    first.on(PluginCall.RUN_POD_SANDBOX, q -> {
      policy.close("connection reset by peer");
      return Future.succeededFuture(io.nrivertx.plugin.PluginReply.ok("05-first", RunPodSandboxResponse.getDefaultInstance(), 1));
    });
    try (CoreFixture f = CoreFixture.start(vertx, requiring("10-policy")).admit(first, policy)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.RUN_POD_SANDBOX, Requests.runPod("p1"))));
      assertEquals(LifecycleException.Kind.CONNECTION_LOST, e.kind());
      assertTrue(e.getMessage().startsWith("plugin 10-policy lost its connection before RunPodSandbox reached it:"
          + " connection reset by peer (required plugin"), e.getMessage());
    }
  }
}
