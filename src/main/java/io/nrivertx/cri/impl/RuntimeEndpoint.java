package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.*;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.cri.CriOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The RuntimeService of the endpoint: each call hops onto the state context, runs there and
 * answers with a gRPC status from {@link CriErrors} on failure. Called on the gRPC server's
 * event loop; the state is only touched on the state context. The calls that send blocking NRI
 * events also come with the caller's gRPC deadline ({@link CallDeadlines}).
 */
final class RuntimeEndpoint extends RuntimeServiceService {
  private final CriContext cx;
  private final CriStore store;
  private final PodOps pods;
  private final ContainerOps containers;
  private final CriQueries queries;
  private final CriOptions options;
  private final NriEvents nri;
  private final CriStats stats;

  RuntimeEndpoint(CriContext cx, CriStore store, PodOps pods, ContainerOps containers, CriOptions options, NriEvents nri) {
    this.cx = cx;
    this.store = store;
    this.pods = pods;
    this.containers = containers;
    this.queries = new CriQueries(store);
    this.options = options;
    this.nri = nri;
    this.stats = new CriStats(store);
  }

  private <T> Future<T> call(String op, Supplier<Future<T>> work) {
    return cx.run(work).recover(err -> Future.failedFuture(CriErrors.of(op, err)));
  }

  @Override
  public Future<VersionResponse> version(VersionRequest r) {
    return Future.succeededFuture(VersionResponse.newBuilder().setVersion("0.1.0").setRuntimeName(options.getRuntimeName())
        .setRuntimeVersion(options.getRuntimeVersion()).setRuntimeApiVersion("v1").build());
  }

  @Override
  public Future<StatusResponse> status(StatusRequest r) {
    StatusResponse.Builder out = StatusResponse.newBuilder()
        .setStatus(RuntimeStatus.newBuilder()
            .addConditions(RuntimeCondition.newBuilder().setType("RuntimeReady").setStatus(true))
            .addConditions(RuntimeCondition.newBuilder().setType("NetworkReady").setStatus(true)))
        .addRuntimeHandlers(RuntimeHandler.newBuilder().setName("").setFeatures(RuntimeHandlerFeatures.newBuilder()
            .setRecursiveReadOnlyMounts(true)))
        .addRuntimeHandlers(RuntimeHandler.newBuilder().setName("runc").setFeatures(RuntimeHandlerFeatures.newBuilder()
            .setRecursiveReadOnlyMounts(true)))
        .setFeatures(RuntimeFeatures.newBuilder().setSupplementalGroupsPolicy(true));
    if (!r.getVerbose()) {
      return Future.succeededFuture(out.build());
    }
    return nri.runtime().plugins().map(plugins -> out
        .putInfo("config", options.toJson().put("simulated", true).encode())
        .putInfo("nri", new JsonObject().put("socketPath", nri.runtime().options().getSocketPath())
            .put("plugins", new io.vertx.core.json.JsonArray(plugins)).encode())
        .putInfo("state", store.journalInfo().encode())
        .build());
  }

  /**
   * cgroupfs, as containerd answers with runc's default ({@code SystemdCgroup = false}): the
   * specs' cgroups paths are {@code parent/id} directories, not systemd slices.
   */
  @Override
  public Future<RuntimeConfigResponse> runtimeConfig(RuntimeConfigRequest r) {
    return Future.succeededFuture(RuntimeConfigResponse.newBuilder()
        .setLinux(LinuxRuntimeConfiguration.newBuilder().setCgroupDriver(CgroupDriver.CGROUPFS)).build());
  }

  @Override
  public Future<RunPodSandboxResponse> runPodSandbox(RunPodSandboxRequest r) {
    return runPodSandboxUntil(r, null);
  }

  Future<RunPodSandboxResponse> runPodSandboxUntil(RunPodSandboxRequest r, Instant deadline) {
    return call("RunPodSandbox", () -> pods.run(r, deadline));
  }

  @Override
  public Future<StopPodSandboxResponse> stopPodSandbox(StopPodSandboxRequest r) {
    return call("StopPodSandbox", () -> pods.stop(r.getPodSandboxId())).map(StopPodSandboxResponse.getDefaultInstance());
  }

  @Override
  public Future<RemovePodSandboxResponse> removePodSandbox(RemovePodSandboxRequest r) {
    return call("RemovePodSandbox", () -> pods.remove(r.getPodSandboxId())).map(RemovePodSandboxResponse.getDefaultInstance());
  }

  @Override
  public Future<PodSandboxStatusResponse> podSandboxStatus(PodSandboxStatusRequest r) {
    return call("PodSandboxStatus", () -> {
      PodRecord p = r.getPodSandboxId().isEmpty() ? null : store.findPod(r.getPodSandboxId());
      return p == null ? Future.failedFuture(CriErrors.notFound("pod sandbox", r.getPodSandboxId()))
          : Future.succeededFuture(queries.podStatus(p, r.getVerbose()));
    });
  }

  @Override
  public Future<ListPodSandboxResponse> listPodSandbox(ListPodSandboxRequest r) {
    return call("ListPodSandbox", () -> Future.succeededFuture(queries.listPods(r.getFilter())));
  }

  @Override
  public Future<UpdatePodSandboxResourcesResponse> updatePodSandboxResources(UpdatePodSandboxResourcesRequest r) {
    return updatePodSandboxResourcesUntil(r, null);
  }

  Future<UpdatePodSandboxResourcesResponse> updatePodSandboxResourcesUntil(UpdatePodSandboxResourcesRequest r, Instant deadline) {
    return call("UpdatePodSandboxResources", () -> pods.updateResources(r, deadline))
        .map(UpdatePodSandboxResourcesResponse.getDefaultInstance());
  }

  @Override
  public Future<CreateContainerResponse> createContainer(CreateContainerRequest r) {
    return createContainerUntil(r, null);
  }

  Future<CreateContainerResponse> createContainerUntil(CreateContainerRequest r, Instant deadline) {
    return call("CreateContainer", () -> containers.create(r, deadline))
        .map(id -> CreateContainerResponse.newBuilder().setContainerId(id).build());
  }

  @Override
  public Future<StartContainerResponse> startContainer(StartContainerRequest r) {
    return startContainerUntil(r, null);
  }

  Future<StartContainerResponse> startContainerUntil(StartContainerRequest r, Instant deadline) {
    return call("StartContainer", () -> containers.start(r.getContainerId(), deadline))
        .map(StartContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<StopContainerResponse> stopContainer(StopContainerRequest r) {
    return call("StopContainer", () -> containers.stop(r.getContainerId(), r.getTimeout()))
        .map(StopContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<RemoveContainerResponse> removeContainer(RemoveContainerRequest r) {
    return call("RemoveContainer", () -> containers.remove(r.getContainerId())).map(RemoveContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<ListContainersResponse> listContainers(ListContainersRequest r) {
    return call("ListContainers", () -> Future.succeededFuture(queries.listContainers(r.getFilter())));
  }

  @Override
  public Future<ContainerStatusResponse> containerStatus(ContainerStatusRequest r) {
    return call("ContainerStatus", () -> {
      ContainerRecord c = r.getContainerId().isEmpty() ? null : store.findContainer(r.getContainerId());
      return c == null ? Future.failedFuture(CriErrors.notFound("container", r.getContainerId()))
          : Future.succeededFuture(queries.containerStatus(c, r.getVerbose()));
    });
  }

  @Override
  public Future<UpdateContainerResourcesResponse> updateContainerResources(UpdateContainerResourcesRequest r) {
    return updateContainerResourcesUntil(r, null);
  }

  Future<UpdateContainerResourcesResponse> updateContainerResourcesUntil(UpdateContainerResourcesRequest r, Instant deadline) {
    return call("UpdateContainerResources", () -> containers.updateResources(r, deadline))
        .map(UpdateContainerResourcesResponse.getDefaultInstance());
  }

  @Override
  public Future<ContainerStatsResponse> containerStats(ContainerStatsRequest r) {
    return call("ContainerStats", () -> {
      ContainerRecord c = r.getContainerId().isEmpty() ? null : store.findContainer(r.getContainerId());
      return c == null ? Future.failedFuture(CriErrors.notFound("container", r.getContainerId()))
          : Future.succeededFuture(ContainerStatsResponse.newBuilder().setStats(stats.container(c)).build());
    });
  }

  @Override
  public Future<ListContainerStatsResponse> listContainerStats(ListContainerStatsRequest r) {
    return call("ListContainerStats", () -> Future.succeededFuture(ListContainerStatsResponse.newBuilder()
        .addAllStats(stats.containers(r.getFilter())).build()));
  }

  @Override
  public Future<PodSandboxStatsResponse> podSandboxStats(PodSandboxStatsRequest r) {
    return call("PodSandboxStats", () -> {
      PodRecord p = r.getPodSandboxId().isEmpty() ? null : store.findPod(r.getPodSandboxId());
      return p == null ? Future.failedFuture(CriErrors.notFound("pod sandbox", r.getPodSandboxId()))
          : Future.succeededFuture(PodSandboxStatsResponse.newBuilder().setStats(stats.pod(p)).build());
    });
  }

  @Override
  public Future<ListPodSandboxStatsResponse> listPodSandboxStats(ListPodSandboxStatsRequest r) {
    return call("ListPodSandboxStats", () -> Future.succeededFuture(ListPodSandboxStatsResponse.newBuilder()
        .addAllStats(stats.pods(r.getFilter())).build()));
  }
}
