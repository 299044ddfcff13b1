package io.nrivertx.stub;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.service.EventMask;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Java plugin handling every lifecycle event except validation, like the Go recorder peer: it
 * records each request's name, pod and container ids. Subclasses add behaviour.
 */
class EventRecorder implements NriPlugin {
  record Seen(String event, String pod, String container) {
  }

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  volatile List<PodSandbox> syncedPods = List.of();
  volatile List<Container> syncedContainers = List.of();

  List<String> events() {
    return seen.stream().map(Seen::event).toList();
  }

  private Future<Void> see(String event, PodSandbox pod, Container ctr) {
    seen.add(new Seen(event, pod == null ? null : pod.getId(), ctr == null ? null : ctr.getId()));
    return Future.succeededFuture();
  }

  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    return see("Configure", null, null).map(new EventMask(0));
  }

  @Override
  public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    syncedPods = pods;
    syncedContainers = containers;
    return see("Synchronize", null, null).map(List.of());
  }

  @Override
  public Future<Void> runPodSandbox(PodSandbox pod) {
    return see("RunPodSandbox", pod, null);
  }

  @Override
  public Future<Void> updatePodSandbox(PodSandbox pod, LinuxResources overhead, LinuxResources resources) {
    return see("UpdatePodSandbox", pod, null);
  }

  @Override
  public Future<Void> postUpdatePodSandbox(PodSandbox pod) {
    return see("PostUpdatePodSandbox", pod, null);
  }

  @Override
  public Future<Void> stopPodSandbox(PodSandbox pod) {
    return see("StopPodSandbox", pod, null);
  }

  @Override
  public Future<Void> removePodSandbox(PodSandbox pod) {
    return see("RemovePodSandbox", pod, null);
  }

  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    return see("CreateContainer", pod, container).map(CreateContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> postCreateContainer(PodSandbox pod, Container container) {
    return see("PostCreateContainer", pod, container);
  }

  @Override
  public Future<Void> startContainer(PodSandbox pod, Container container) {
    return see("StartContainer", pod, container);
  }

  @Override
  public Future<Void> postStartContainer(PodSandbox pod, Container container) {
    return see("PostStartContainer", pod, container);
  }

  @Override
  public Future<UpdateContainerResponse> updateContainer(PodSandbox pod, Container container,
                                                         LinuxResources resources) {
    return see("UpdateContainer", pod, container).map(UpdateContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> postUpdateContainer(PodSandbox pod, Container container) {
    return see("PostUpdateContainer", pod, container);
  }

  @Override
  public Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    return see("StopContainer", pod, container).map(StopContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> removeContainer(PodSandbox pod, Container container) {
    return see("RemoveContainer", pod, container);
  }
}
