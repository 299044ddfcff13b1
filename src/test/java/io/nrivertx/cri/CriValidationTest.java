package io.nrivertx.cri;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.Message;
import io.nrivertx.api.cri.*;
import io.nrivertx.bus.NriAddresses;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request validation as a CRI runtime does it, through a vertx-grpc client on the endpoint's
 * socket: the status codes, and no NRI event for a rejected request (watched on the audit address).
 */
class CriValidationTest {
  private CriFixture f;
  private GrpcClient client;
  private SocketAddress address;
  private final List<String> events = new CopyOnWriteArrayList<>();

  record Outcome<R>(GrpcStatus status, String message, R response) {
  }

  @BeforeEach
  void start() {
    f = new CriFixture();
    f.vertx.eventBus().<JsonObject>consumer(new NriAddresses("cri-it").audit(), m -> {
      if ("event".equals(m.body().getString("kind"))) {
        events.add(m.body().getString("event"));
      }
    });
    f.start();
    client = GrpcClient.client(f.vertx);
    address = SocketAddress.domainSocketAddress(f.criSocket.toString());
  }

  @AfterEach
  void stop() {
    await(client.close());
    f.close();
  }

  private <Q extends Message, R> Outcome<R> call(ServiceMethod<R, Q> method, Q request) {
    return await(client.request(address, method).compose(req -> {
      req.end(request);
      return req.response();
    }).compose(rsp -> {
      List<R> got = new CopyOnWriteArrayList<>();
      rsp.handler(got::add);
      return rsp.end().transform(ar -> Future.succeededFuture(
          new Outcome<>(rsp.status(), rsp.statusMessage(), got.isEmpty() ? null : got.get(0))));
    }));
  }

  private static RunPodSandboxRequest pod(String name) {
    return RunPodSandboxRequest.newBuilder().setConfig(PodSandboxConfig.newBuilder().setMetadata(
        PodSandboxMetadata.newBuilder().setName(name).setNamespace("default").setUid("uid-" + name))).build();
  }

  private static CreateContainerRequest ctr(String podId, String name) {
    return CreateContainerRequest.newBuilder().setPodSandboxId(podId).setConfig(ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(name)).setImage(ImageSpec.newBuilder().setImage("busybox")))
        .build();
  }

  @Test
  void badRequestsGetTheirCodesAndNoNriEvent() {
    assertEquals(GrpcStatus.INVALID_ARGUMENT, call(RuntimeServiceGrpcClient.RunPodSandbox,
        RunPodSandboxRequest.getDefaultInstance()).status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, call(RuntimeServiceGrpcClient.RunPodSandbox, RunPodSandboxRequest.newBuilder()
        .setConfig(PodSandboxConfig.newBuilder().setMetadata(PodSandboxMetadata.newBuilder().setName("x"))).build()).status());
    Outcome<RunPodSandboxResponse> ok = call(RuntimeServiceGrpcClient.RunPodSandbox, pod("web"));
    assertEquals(GrpcStatus.OK, ok.status(), ok.message());
    String podId = ok.response().getPodSandboxId();
    Outcome<RunPodSandboxResponse> dup = call(RuntimeServiceGrpcClient.RunPodSandbox, pod("web"));
    assertEquals(GrpcStatus.ALREADY_EXISTS, dup.status());
    assertTrue(dup.message().contains(podId), dup.message());

    // Stop and Remove are idempotent (CRI contract, containerd): an unknown id is already done.
    assertEquals(GrpcStatus.OK, call(RuntimeServiceGrpcClient.StopPodSandbox,
        StopPodSandboxRequest.newBuilder().setPodSandboxId("nope").build()).status());
    assertEquals(GrpcStatus.OK, call(RuntimeServiceGrpcClient.StopContainer,
        StopContainerRequest.newBuilder().setContainerId("nope").build()).status());
    assertEquals(GrpcStatus.OK, call(RuntimeServiceGrpcClient.RemoveContainer,
        RemoveContainerRequest.newBuilder().setContainerId("nope").build()).status());
    assertEquals(GrpcStatus.NOT_FOUND, call(RuntimeServiceGrpcClient.CreateContainer, ctr("nope", "app")).status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, call(RuntimeServiceGrpcClient.CreateContainer, ctr(podId, "")).status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, call(RuntimeServiceGrpcClient.CreateContainer,
        CreateContainerRequest.newBuilder().setConfig(ctr(podId, "app").getConfig()).build()).status());
    String ctrId = call(RuntimeServiceGrpcClient.CreateContainer, ctr(podId.substring(0, 12), "app")).response().getContainerId();
    assertEquals(GrpcStatus.ALREADY_EXISTS, call(RuntimeServiceGrpcClient.CreateContainer, ctr(podId, "app")).status());
    assertEquals(GrpcStatus.NOT_FOUND, call(RuntimeServiceGrpcClient.StartContainer,
        StartContainerRequest.newBuilder().setContainerId("nope").build()).status());
    assertEquals(GrpcStatus.OK, call(RuntimeServiceGrpcClient.StartContainer,
        StartContainerRequest.newBuilder().setContainerId(ctrId).build()).status());
    assertEquals(GrpcStatus.FAILED_PRECONDITION, call(RuntimeServiceGrpcClient.StartContainer,
        StartContainerRequest.newBuilder().setContainerId(ctrId).build()).status());
    assertEquals(GrpcStatus.NOT_FOUND, call(RuntimeServiceGrpcClient.ContainerStatus,
        ContainerStatusRequest.newBuilder().setContainerId("nope").build()).status());
    assertEquals(GrpcStatus.OK, call(RuntimeServiceGrpcClient.RemovePodSandbox,
        RemovePodSandboxRequest.newBuilder().setPodSandboxId("nope").build()).status());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, call(RuntimeServiceGrpcClient.UpdateContainerResources,
        UpdateContainerResourcesRequest.newBuilder().setContainerId(ctrId).build()).status());

    ContainerStatusResponse status = call(RuntimeServiceGrpcClient.ContainerStatus,
        ContainerStatusRequest.newBuilder().setContainerId(ctrId).build()).response();
    assertEquals(ContainerState.CONTAINER_RUNNING, status.getStatus().getState());
    assertTrue(status.getStatus().getStartedAt() >= status.getStatus().getCreatedAt());
    assertEquals(List.of("RunPodSandbox", "CreateContainer", "PostCreateContainer", "StartContainer",
        "PostStartContainer"), events, "only the accepted calls reached NRI");
  }

  @Test
  void stopMovesToExitedAndEverythingElseIsUnimplemented() {
    String podId = call(RuntimeServiceGrpcClient.RunPodSandbox, pod("p")).response().getPodSandboxId();
    String id = call(RuntimeServiceGrpcClient.CreateContainer, ctr(podId, "app")).response().getContainerId();
    call(RuntimeServiceGrpcClient.StartContainer, StartContainerRequest.newBuilder().setContainerId(id).build());
    assertEquals(GrpcStatus.OK, call(RuntimeServiceGrpcClient.StopContainer,
        StopContainerRequest.newBuilder().setContainerId(id).setTimeout(10).build()).status());
    ContainerStatus s = call(RuntimeServiceGrpcClient.ContainerStatus, ContainerStatusRequest.newBuilder()
        .setContainerId(id).build()).response().getStatus();
    assertEquals(ContainerState.CONTAINER_EXITED, s.getState());
    assertEquals(0, s.getExitCode());
    assertEquals("Completed", s.getReason());
    assertTrue(s.getFinishedAt() >= s.getStartedAt() && s.getStartedAt() > 0);

    ServiceMethod<Buffer, Buffer> exec = ServiceMethod.client(io.vertx.grpc.common.ServiceName.create("runtime.v1",
        "RuntimeService"), "ExecSync", io.vertx.grpc.common.GrpcMessageEncoder.IDENTITY,
        io.vertx.grpc.common.GrpcMessageDecoder.IDENTITY);
    Outcome<Buffer> out = await(client.request(address, exec).compose(req -> {
      req.end(Buffer.buffer());
      return req.response();
    }).compose(rsp -> rsp.end().transform(ar -> Future.succeededFuture(
        new Outcome<Buffer>(rsp.status(), rsp.statusMessage(), null)))));
    assertEquals(GrpcStatus.UNIMPLEMENTED, out.status());
    assertTrue(out.message().contains("ExecSync") && out.message().contains("no real process to exec in"), out.message());
  }

  @Test
  void runtimeConfigAnswersTheCgroupfsDriver() {
    var config = call(RuntimeServiceGrpcClient.RuntimeConfig, RuntimeConfigRequest.getDefaultInstance());
    assertEquals(GrpcStatus.OK, config.status(), config.message());
    assertEquals(CgroupDriver.CGROUPFS, config.response().getLinux().getCgroupDriver());
  }

  @Test
  void imagesAreRecordedNotDownloaded() {
    var pulled = call(ImageServiceGrpcClient.PullImage, PullImageRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage("busybox")).build());
    assertEquals(GrpcStatus.OK, pulled.status(), pulled.message());
    String ref = pulled.response().getImageRef();
    assertEquals(ref, call(ImageServiceGrpcClient.PullImage, PullImageRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage("docker.io/library/busybox:latest")).build()).response().getImageRef());
    Image img = call(ImageServiceGrpcClient.ImageStatus, ImageStatusRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(ref)).build()).response().getImage();
    assertEquals(List.of("docker.io/library/busybox:latest"), img.getRepoTagsList());
    assertEquals(1, call(ImageServiceGrpcClient.ListImages, ListImagesRequest.getDefaultInstance()).response().getImagesCount());
    assertEquals(GrpcStatus.OK, call(ImageServiceGrpcClient.RemoveImage, RemoveImageRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage("busybox")).build()).status());
    assertFalse(call(ImageServiceGrpcClient.ImageStatus, ImageStatusRequest.newBuilder()
        .setImage(ImageSpec.newBuilder().setImage(ref)).build()).response().hasImage());
    assertEquals(GrpcStatus.INVALID_ARGUMENT, call(ImageServiceGrpcClient.PullImage, PullImageRequest.getDefaultInstance()).status());
  }
}
