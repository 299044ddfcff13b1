package io.nrivertx.stub;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LifecycleDriver;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Java plugin on the stub against a real nri-vertx runtime over its socket, side by side with a
 * plugin on the official Go stub: both must be served the same way.
 */
class StubRuntimeIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The Java plugin of these tests: records everything and adjusts new containers. */
  static final class Adjuster extends EventRecorder {
    @Override
    public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
      return super.createContainer(pod, container).map(Adjustments.create()
          .addAnnotation("adjusted-by", "java").addEnv("JAVA_PLUGIN", "yes").setMemoryLimit(256L << 20)
          .reply());
    }
  }

  @Test
  void javaAndGoPluginsSeeTheSameEventsAndTheJavaAdjustmentIsMerged() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      rt.domain.putContainer(rt.container("ctr0", "pod0", "nginx", ContainerState.CONTAINER_RUNNING));
      rt.domain.putContainer(rt.container("ctr1", "pod0", "done", ContainerState.CONTAINER_STOPPED));
      NriRuntime nri = rt.start();
      Adjuster java = new Adjuster();
      Stub stub = Stub.create(rt.vertx, java, options(rt, "20", "java-adjuster"));
      await(stub.start());
      Path log = rt.file("recorder.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
      rt.awaitPlugins(List.of("20-java-adjuster", "50-recorder"));

      assertEquals(List.of("pod0"), java.syncedPods.stream().map(PodSandbox::getId).toList());
      assertEquals(List.of("ctr0"), java.syncedContainers.stream().map(Container::getId).toList(),
          "stopped containers are not synchronized");
      assertEquals(Duration.ofSeconds(2), stub.requestTimeout(), "the runtime's timeout, from Configure");

      PodSandbox pod = rt.pod("pod1", "db");
      CreateContainerResponse created = LifecycleDriver.runAll(rt, nri, pod);
      assertEquals("java", created.getAdjust().getAnnotationsMap().get("adjusted-by"));
      assertEquals("JAVA_PLUGIN", created.getAdjust().getEnv(0).getKey());
      assertEquals(256L << 20, created.getAdjust().getLinux().getResources().getMemory().getLimit().getValue());

      List<String> lifecycle = List.of("Configure", "Synchronize", "RunPodSandbox", "UpdatePodSandbox",
          "PostUpdatePodSandbox", "CreateContainer", "PostCreateContainer", "StartContainer",
          "PostStartContainer", "UpdateContainer", "PostUpdateContainer", "StopContainer", "RemoveContainer",
          "StopPodSandbox", "RemovePodSandbox");
      List<JsonObject> goLines = new JsonLines(log).await(l -> l.size() >= lifecycle.size(), WAIT);
      assertEquals(lifecycle, goLines.stream().map(l -> l.getString("event")).toList());
      assertEquals(lifecycle, java.events(), "the Java plugin saw what the Go plugin saw");
      for (int i = 2; i < lifecycle.size(); i++) {
        JsonObject go = goLines.get(i);
        EventRecorder.Seen seen = java.seen.get(i);
        assertEquals(go.getJsonObject("pod").getString("id"), seen.pod(), go.encode());
        if (go.containsKey("container")) {
          assertEquals(go.getJsonObject("container").getString("id"), seen.container(), go.encode());
        }
      }
      JsonObject goCreate = goLines.get(lifecycle.indexOf("CreateContainer")).getJsonObject("container");
      assertEquals("java", goCreate.getJsonObject("annotations").getString("adjusted-by"),
          "the later Go plugin sees the Java plugin's change");
      assertTrue(goCreate.getJsonArray("env").contains("JAVA_PLUGIN=yes"), goCreate.encode());
      await(stub.stop());
    }
  }

  @Test
  void updateContainersReachesTheDomain() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      rt.domain.putContainer(rt.container("ctr0", "pod0", "nginx", ContainerState.CONTAINER_RUNNING));
      rt.start();
      Stub stub = Stub.create(rt.vertx, new EventRecorder(), options(rt, "20", "updater"));
      await(stub.start());
      rt.awaitPlugins(List.of("20-updater"));
      List<ContainerUpdate> failed = await(stub.updateContainers(
          List.of(Updates.of("ctr0").setCpuShares(333).build()), List.of()));
      assertEquals(List.of(), failed);
      assertEquals(333, rt.domain.containerNow("ctr0").getLinux().getResources().getCpu().getShares().getValue());
      await(stub.stop());
    }
  }

  @Test
  void failedUnsolicitedUpdatesAreAnErrorAndEvictionsReachTheDomain() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      rt.domain.putContainer(rt.container("dup", "pod0", "a", ContainerState.CONTAINER_RUNNING));
      rt.domain.putContainer(rt.container("victim", "pod0", "b", ContainerState.CONTAINER_RUNNING));
      io.nrivertx.domain.InMemoryDomain moby = new io.nrivertx.domain.InMemoryDomain("moby");
      moby.putContainer(rt.container("dup", "pod0", "a", ContainerState.CONTAINER_RUNNING));
      NriRuntime nri = rt.start();
      await(nri.addDomain(moby));
      Stub stub = Stub.create(rt.vertx, new EventRecorder(), options(rt, "20", "updater"));
      await(stub.start());
      rt.awaitPlugins(List.of("20-updater"));
      // "dup" lives in two namespaces: the update is refused, and the plugin gets an error, as from containerd.
      Throwable err = assertThrows(Throwable.class, () -> await(stub.updateContainers(
          List.of(Updates.of("dup").setCpuShares(5).build()), List.of())));
      assertTrue(String.valueOf(err.getMessage()).contains("NRI update of some containers failed"), err.toString());
      assertEquals(List.of(), await(stub.updateContainers(
          List.of(Updates.of("dup").setCpuShares(5).ignoreFailure().build()), List.of())), "ignore_failure");
      await(stub.updateContainers(List.of(), List.of(ContainerEviction.newBuilder().setContainerId("victim")
          .setReason("too hungry").build())));
      assertEquals(ContainerState.CONTAINER_STOPPED, rt.domain.containerNow("victim").getState());
      await(stub.stop());
    }
  }

  @Test
  void aJavaValidatorCanRejectAContainer() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      NriPlugin validator = new NriPlugin() {
        @Override
        public Future<Void> validateContainerAdjustment(ValidateContainerAdjustmentRequest request) {
          return request.getContainer().getName().startsWith("bad") ? Future.failedFuture("bad name")
              : Future.succeededFuture();
        }
      };
      Stub stub = Stub.create(rt.vertx, validator, options(rt, "90", "validator"));
      await(stub.start());
      rt.awaitPlugins(List.of("90-validator"));
      assertEquals(Events.mask(Event.VALIDATE_CONTAINER_ADJUSTMENT), stub.subscribedEvents());
      await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
          .setContainer(rt.container("c1", "p", "good", ContainerState.CONTAINER_UNKNOWN)).build()));
      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
              .setContainer(rt.container("c2", "p", "bad-one", ContainerState.CONTAINER_UNKNOWN)).build())));
      assertTrue(err.getMessage().contains("validator \"90-validator\" rejected container adjustment, reason: bad name"),
          err.getMessage());
      await(stub.stop());
    }
  }

  @Test
  void aPluginTheRuntimeDropsForATimeoutSeesItsConnectionLost() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(new NriOptions().setRequestTimeout(Duration.ofMillis(500)));
      NriPlugin stuck = new NriPlugin() {
        @Override
        public Future<Void> runPodSandbox(PodSandbox pod) {
          return Promise.<Void>promise().future(); // never answers
        }
      };
      Stub stub = Stub.create(rt.vertx, stuck, options(rt, "20", "stuck"));
      await(stub.start());
      rt.awaitPlugins(List.of("20-stuck"));
      await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(rt.pod("p", "p"))
          .build()));
      StubException err = assertThrows(StubException.class, () -> await(stub.stopped()));
      assertTrue(err.getMessage().startsWith("connection to the runtime lost"), err.getMessage());
      assertEquals(List.of(), await(nri.plugins()));
    }
  }

  static StubOptions options(RuntimeFixture rt, String index, String name) {
    return new StubOptions().setIndex(index).setName(name).setSocketPath(rt.socket.toString())
        .setEnvironment(Map.of());
  }
}
