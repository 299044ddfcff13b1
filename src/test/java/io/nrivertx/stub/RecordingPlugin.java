package io.nrivertx.stub;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.service.EventMask;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test plugin handling CreateContainer, StartContainer, UpdateContainer, StopContainer and
 * validation (not the pod events). It records "Event:id" per call and the thread it ran on.
 */
class RecordingPlugin implements NriPlugin {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  /** Vertx.currentContext() in each call ("none" when there is none). */
  final List<Object> contexts = new CopyOnWriteArrayList<>();
  volatile EventMask configureReply = new EventMask(0);
  volatile String rejectReason;
  volatile int syncCalls;
  volatile List<PodSandbox> syncedPods = List.of();
  volatile List<Container> syncedContainers = List.of();
  volatile boolean shutdownCalled;

  private void record(String call) {
    calls.add(call);
    threads.add(Thread.currentThread().getName());
    contexts.add(java.util.Objects.requireNonNullElse((Object) io.vertx.core.Vertx.currentContext(), "none"));
  }

  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    record("Configure:" + request.getRuntimeName());
    return Future.succeededFuture(configureReply);
  }

  @Override
  public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    record("Synchronize:" + pods.size() + "/" + containers.size());
    syncCalls++;
    syncedPods = pods;
    syncedContainers = containers;
    return Future.succeededFuture(List.of(Updates.of("synced").setCpuShares(pods.size()).build()));
  }

  @Override
  public Future<Void> shutdown() {
    record("Shutdown");
    shutdownCalled = true;
    return Future.succeededFuture();
  }

  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    record("CreateContainer:" + container.getId());
    if (container.getName().equals("refused")) {
      return Future.failedFuture("no containers named refused");
    }
    return Future.succeededFuture(Adjustments.create().addAnnotation("seen-by", "recorder")
        .addEnv("POD", pod.getName()).evict("victim", "room needed").reply());
  }

  @Override
  public Future<Void> startContainer(PodSandbox pod, Container container) {
    record("StartContainer:" + container.getId());
    return Future.succeededFuture();
  }

  @Override
  public Future<UpdateContainerResponse> updateContainer(PodSandbox pod, Container container,
                                                         LinuxResources resources) {
    record("UpdateContainer:" + container.getId());
    return Future.succeededFuture(UpdateContainerResponse.newBuilder()
        .addUpdate(Updates.of(container.getId()).setMemoryLimit(resources.getMemory().getLimit().getValue() / 2)
            .build()).build());
  }

  @Override
  public Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    record("StopContainer:" + container.getId());
    return Future.succeededFuture(null); // null = nothing to change
  }

  @Override
  public Future<Void> validateContainerAdjustment(ValidateContainerAdjustmentRequest request) {
    record("ValidateContainerAdjustment:" + request.getContainer().getId());
    return rejectReason == null ? Future.succeededFuture() : Future.failedFuture(rejectReason);
  }
}
