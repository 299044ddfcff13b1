package io.nrivertx.cri;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.LinuxNamespace;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.cri.*;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the bench behaves as containerd's CRI plugin does (issue 17), seen by a CRI client and by
 * an NRI plugin (the Java stub, recording what it receives): the pod's netns path, the pid in
 * StartContainer, env replaced by key, idempotent stop and removal, images by digest, refused
 * requests, containers that exit on their own (with StopContainer to NRI), CRI logs and stats.
 */
class CriFidelityTest {
  private CriFixture f;
  private GrpcClient client;
  private SocketAddress address;
  private Stub stub;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Map<String, PodSandbox> pods = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Container> containers = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    f = new CriFixture();
    f.start();
    client = GrpcClient.client(f.vertx);
    address = SocketAddress.domainSocketAddress(f.criSocket.toString());
    stub = Stub.create(f.vertx, new NriPlugin() {
      @Override
      public Future<Void> runPodSandbox(PodSandbox pod) {
        return record("RunPodSandbox", pod, null);
      }

      @Override
      public Future<Void> stopPodSandbox(PodSandbox pod) {
        return record("StopPodSandbox", pod, null);
      }

      @Override
      public Future<Void> removePodSandbox(PodSandbox pod) {
        return record("RemovePodSandbox", pod, null);
      }

      @Override
      public Future<Void> startContainer(PodSandbox pod, Container c) {
        return record("StartContainer", pod, c);
      }

      @Override
      public Future<io.nrivertx.api.StopContainerResponse> stopContainer(PodSandbox pod, Container c) {
        return record("StopContainer", pod, c).map(io.nrivertx.api.StopContainerResponse.getDefaultInstance());
      }
    }, new StubOptions().setName("fidelity").setIndex("10").setSocketPath(f.nriSocket.toString())
        .setEnvironment(Map.of()));
    await(stub.start());
  }

  private Future<Void> record(String event, PodSandbox pod, Container c) {
    seen.add(event + (c == null ? "" : " " + c.getName()));
    pods.put(event, pod);
    if (c != null) {
      containers.put(event + " " + c.getName(), c);
    }
    return Future.succeededFuture();
  }

  @AfterEach
  void stop() {
    await(stub.stop());
    await(client.close());
    f.close();
  }

  private <Q extends Message, R> R ok(ServiceMethod<R, Q> method, Q request) {
    return await(client.request(address, method).compose(req -> {
      req.end(request);
      return req.response();
    }).compose(rsp -> {
      List<R> got = new CopyOnWriteArrayList<>();
      rsp.handler(got::add);
      return rsp.end().transform(ar -> rsp.status() == GrpcStatus.OK ? Future.succeededFuture(got.get(0))
          : Future.failedFuture(rsp.status().name() + ": " + rsp.statusMessage()));
    }));
  }

  private <Q extends Message, R> String refused(ServiceMethod<R, Q> method, Q request) {
    return await(client.request(address, method).compose(req -> {
      req.end(request);
      return req.response();
    }).compose(rsp -> rsp.end().transform(ar -> Future.succeededFuture(rsp.status().name() + ": " + rsp.statusMessage()))));
  }

  private String pod(String name, String logDir) {
    return ok(RuntimeServiceGrpcClient.RunPodSandbox, RunPodSandboxRequest.newBuilder().setConfig(PodSandboxConfig
        .newBuilder().setLogDirectory(logDir).setMetadata(PodSandboxMetadata.newBuilder().setName(name)
            .setNamespace("default").setUid("uid-" + name))).build()).getPodSandboxId();
  }

  private String container(String podId, ContainerConfig.Builder cfg) {
    String id = ok(RuntimeServiceGrpcClient.CreateContainer, CreateContainerRequest.newBuilder().setPodSandboxId(podId)
        .setConfig(cfg.setImage(ImageSpec.newBuilder().setImage("busybox"))).build()).getContainerId();
    ok(RuntimeServiceGrpcClient.StartContainer, StartContainerRequest.newBuilder().setContainerId(id).build());
    return id;
  }

  private static ContainerConfig.Builder named(String name, String... command) {
    return ContainerConfig.newBuilder().setMetadata(ContainerMetadata.newBuilder().setName(name))
        .addAllCommand(List.of(command));
  }

  private ContainerStatus status(String id) {
    return ok(RuntimeServiceGrpcClient.ContainerStatus, ContainerStatusRequest.newBuilder().setContainerId(id).build())
        .getStatus();
  }

  @Test
  void podNetnsPathStartPidEnvAndIdempotentRemoval() {
    String podId = pod("web", "");
    LinuxNamespace net = pods.get("RunPodSandbox").getLinux().getNamespacesList().stream()
        .filter(n -> n.getType().equals("network")).findFirst().orElseThrow();
    assertTrue(net.getPath().matches("/var/run/netns/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        net.getPath());

    io.vertx.core.json.JsonObject info = new io.vertx.core.json.JsonObject(ok(RuntimeServiceGrpcClient.PodSandboxStatus,
        PodSandboxStatusRequest.newBuilder().setPodSandboxId(podId).setVerbose(true).build()).getInfoMap().get("info"));
    assertEquals("registry.k8s.io/pause:3.10.2", info.getString("image"), "containerd v2.4's default sandbox image");
    assertFalse(info.getJsonObject("runtimeSpec").containsKey("hostname"), "no hostname asked, none in the pause spec");

    String id = container(podId, named("app", "top").addEnvs(KeyValue.newBuilder().setKey("PATH")
        .setValue(ByteString.copyFromUtf8("/usr/bin"))).addEnvs(KeyValue.newBuilder().setKey("MODE")
        .setValue(ByteString.copyFromUtf8("x"))));
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> containers.containsKey("StartContainer app"));
    Container started = containers.get("StartContainer app");
    assertTrue(started.getPid() > 0, "StartContainer carries the task's pid");
    // A pod without a hostname: containerd's HOSTNAME is the node's (its os.Hostname()).
    String node = assertDoesNotThrow(() -> java.nio.file.Files.readString(
        java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip());
    assertEquals(List.of("PATH=/usr/bin", "HOSTNAME=" + node, "MODE=x"), started.getEnvList(), "PATH replaced in place");

    ok(RuntimeServiceGrpcClient.StopPodSandbox, StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
    assertTrue(pods.get("StopPodSandbox").getLinux().getNamespacesList().stream()
        .anyMatch(n -> n.getType().equals("network")), "StopPodSandbox still sees the netns");
    ok(RuntimeServiceGrpcClient.RemovePodSandbox, RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> pods.containsKey("RemovePodSandbox"));
    assertTrue(pods.get("RemovePodSandbox").getLinux().getNamespacesList().stream()
        .noneMatch(n -> n.getType().equals("network")), "the netns is gone after StopPodSandbox");
    // Again, and for what never existed: success (CRI's idempotence, containerd's answer).
    ok(RuntimeServiceGrpcClient.StopContainer, StopContainerRequest.newBuilder().setContainerId(id).build());
    ok(RuntimeServiceGrpcClient.RemoveContainer, RemoveContainerRequest.newBuilder().setContainerId(id).build());
    ok(RuntimeServiceGrpcClient.StopPodSandbox, StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
    ok(RuntimeServiceGrpcClient.RemovePodSandbox, RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
  }

  @Test
  void containersExitOnTheirOwnWithCodeLogAndStopContainer() throws Exception {
    Path logs = Files.createDirectories(f.dir.resolve("logs"));
    String podId = pod("jobs", logs.toString());
    String failing = container(podId, named("fail", "sh", "-c", "exit 3"));
    String echo = container(podId, named("echo", "echo", "hello", "world").setLogPath("echo/0.log"));
    String timed = container(podId, named("timed", "top").putAnnotations("nri-vertx.io/exit-after", "200ms")
        .putAnnotations("nri-vertx.io/exit-code", "7"));
    String sleeper = container(podId, named("sleeper", "sleep", "3600"));
    for (var want : Map.of(failing, 3, echo, 0, timed, 7).entrySet()) {
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> status(want.getKey()).getState()
          == ContainerState.CONTAINER_EXITED);
      ContainerStatus s = status(want.getKey());
      assertEquals(want.getValue(), s.getExitCode(), s.toString());
      assertEquals(want.getValue() == 0 ? "Completed" : "Error", s.getReason());
      assertTrue(s.getFinishedAt() >= s.getStartedAt() && s.getStartedAt() > 0);
    }
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> seen.containsAll(List.of("StopContainer fail",
        "StopContainer echo", "StopContainer timed")));
    assertEquals(3, containers.get("StopContainer fail").getExitCode(), "NRI hears the exit code");
    assertEquals(ContainerState.CONTAINER_RUNNING, status(sleeper).getState());
    assertFalse(seen.contains("StopContainer sleeper"));
    List<String> lines = Files.readAllLines(logs.resolve("echo/0.log"));
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z stdout F hello world"), lines.get(0));

    ContainerStats st = ok(RuntimeServiceGrpcClient.ContainerStats, ContainerStatsRequest.newBuilder()
        .setContainerId(sleeper).build()).getStats();
    assertEquals(sleeper, st.getAttributes().getId());
    assertTrue(st.getCpu().getTimestamp() > 0 && st.getMemory().getWorkingSetBytes().getValue() > 0, st.toString());
    assertEquals(4, ok(RuntimeServiceGrpcClient.ListContainerStats, ListContainerStatsRequest.newBuilder()
        .setFilter(ContainerStatsFilter.newBuilder().setPodSandboxId(podId)).build()).getStatsCount());
    assertEquals(4, ok(RuntimeServiceGrpcClient.PodSandboxStats, PodSandboxStatsRequest.newBuilder()
        .setPodSandboxId(podId).build()).getStats().getLinux().getContainersCount());
    assertTrue(refused(RuntimeServiceGrpcClient.CreateContainer, CreateContainerRequest.newBuilder().setPodSandboxId(podId)
        .setConfig(named("bad", "top").putAnnotations("nri-vertx.io/exit-after", "soon")
            .setImage(ImageSpec.newBuilder().setImage("busybox"))).build()).startsWith("INVALID_ARGUMENT"));
  }

  @Test
  void requestsContainerdRefusesAreRefused() {
    String podId = pod("strict", "");
    var gidOnly = LinuxContainerConfig.newBuilder().setSecurityContext(LinuxContainerSecurityContext.newBuilder()
        .setRunAsGroup(Int64Value.newBuilder().setValue(1000)));
    String gid = refused(RuntimeServiceGrpcClient.CreateContainer, CreateContainerRequest.newBuilder().setPodSandboxId(podId)
        .setConfig(named("g", "top").setLinux(gidOnly).setImage(ImageSpec.newBuilder().setImage("busybox"))).build());
    assertTrue(gid.startsWith("UNKNOWN") && gid.contains("user group \"1000\" is specified without user"), gid);
    for (Mount m : List.of(Mount.newBuilder().setHostPath("/a").setContainerPath("/a").setRecursiveReadOnly(true).build(),
        Mount.newBuilder().setHostPath("/b").setContainerPath("/b").setReadonly(true).setRecursiveReadOnly(true)
            .setPropagation(MountPropagation.PROPAGATION_HOST_TO_CONTAINER).build())) {
      String rro = refused(RuntimeServiceGrpcClient.CreateContainer, CreateContainerRequest.newBuilder()
          .setPodSandboxId(podId).setConfig(named("m", "top").addMounts(m)
              .setImage(ImageSpec.newBuilder().setImage("busybox"))).build());
      assertTrue(rro.startsWith("UNKNOWN") && rro.contains("recursive read-only mount"), rro);
    }
    String ok = container(podId, named("rro", "top").addMounts(Mount.newBuilder().setHostPath("/c").setContainerPath("/c")
        .setReadonly(true).setRecursiveReadOnly(true)));
    assertTrue(containers.get("StartContainer rro").getMountsList().stream()
        .anyMatch(m -> m.getDestination().equals("/c") && m.getOptionsList().contains("rro")), ok);
    assertFalse(seen.contains("StartContainer g") || seen.contains("StartContainer m"));
  }

  @Test
  void anImagePulledByDigestIsFoundByThatDigest() {
    String ref = "registry.k8s.io/e2e-test-images/busybox@sha256:" + "ab".repeat(32);
    String id = ok(ImageServiceGrpcClient.PullImage, PullImageRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(ref)).build()).getImageRef();
    Image img = ok(ImageServiceGrpcClient.ImageStatus, ImageStatusRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(ref)).build()).getImage();
    assertEquals(id, img.getId());
    assertEquals(List.of(ref), img.getRepoDigestsList());
    assertEquals(List.of(), img.getRepoTagsList());
  }
}
