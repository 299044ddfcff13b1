package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.*;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.nrivertx.stub.NriPlugin;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The relay as the one plugin the runtime sees: every handler is overridden (so the stub may
 * subscribe to every event) and hands the event, rebuilt as the request the runtime sent, to the
 * relay. Replies are completed back on the stub's context, where the stub expects them.
 */
final class UpstreamPlugin implements NriPlugin {
  /** What the relay does with what the runtime sends. */
  interface Target {
    Future<EventMask> configure(ConfigureRequest request);

    Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers);

    <Q extends Message, R extends Message> Future<R> forward(PluginCall<Q, R> call, Q request);

    Future<Void> validate(ValidateContainerAdjustmentRequest request);

    void connectionLost(String reason);
  }

  private final Target relay;

  UpstreamPlugin(Target relay) {
    this.relay = relay;
  }

  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    return back(relay.configure(request));
  }

  @Override
  public void connectionLost(String reason) {
    relay.connectionLost(reason);
  }

  @Override
  public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    return back(relay.synchronize(pods, containers));
  }

  @Override
  public Future<Void> runPodSandbox(PodSandbox pod) {
    return notify(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build());
  }

  @Override
  public Future<Void> updatePodSandbox(UpdatePodSandboxRequest request) {
    return notify(PluginCall.UPDATE_POD_SANDBOX, request);
  }

  @Override
  public Future<Void> postUpdatePodSandbox(PodSandbox pod) {
    return notify(PluginCall.POST_UPDATE_POD_SANDBOX, PostUpdatePodSandboxRequest.newBuilder().setPod(pod).build());
  }

  @Override
  public Future<Void> stopPodSandbox(PodSandbox pod) {
    return notify(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(pod).build());
  }

  @Override
  public Future<Void> removePodSandbox(PodSandbox pod) {
    return notify(PluginCall.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.newBuilder().setPod(pod).build());
  }

  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    return back(relay.forward(PluginCall.CREATE_CONTAINER,
        CreateContainerRequest.newBuilder().setPod(pod).setContainer(container).build()));
  }

  @Override
  public Future<Void> postCreateContainer(PodSandbox pod, Container container) {
    return notify(PluginCall.POST_CREATE_CONTAINER,
        PostCreateContainerRequest.newBuilder().setPod(pod).setContainer(container).build());
  }

  @Override
  public Future<Void> startContainer(PodSandbox pod, Container container) {
    return notify(PluginCall.START_CONTAINER,
        StartContainerRequest.newBuilder().setPod(pod).setContainer(container).build());
  }

  @Override
  public Future<Void> postStartContainer(PodSandbox pod, Container container) {
    return notify(PluginCall.POST_START_CONTAINER,
        PostStartContainerRequest.newBuilder().setPod(pod).setContainer(container).build());
  }

  @Override
  public Future<UpdateContainerResponse> updateContainer(UpdateContainerRequest request) {
    return back(relay.forward(PluginCall.UPDATE_CONTAINER, request));
  }

  @Override
  public Future<Void> postUpdateContainer(PodSandbox pod, Container container) {
    return notify(PluginCall.POST_UPDATE_CONTAINER,
        PostUpdateContainerRequest.newBuilder().setPod(pod).setContainer(container).build());
  }

  @Override
  public Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    return back(relay.forward(PluginCall.STOP_CONTAINER,
        StopContainerRequest.newBuilder().setPod(pod).setContainer(container).build()));
  }

  @Override
  public Future<Void> removeContainer(PodSandbox pod, Container container) {
    return notify(PluginCall.REMOVE_CONTAINER,
        RemoveContainerRequest.newBuilder().setPod(pod).setContainer(container).build());
  }

  @Override
  public Future<Void> validateContainerAdjustment(ValidateContainerAdjustmentRequest request) {
    return back(relay.validate(request));
  }

  private <Q extends Message> Future<Void> notify(PluginCall<Q, ?> call, Q request) {
    return back(relay.forward(call, request).mapEmpty());
  }

  /** Completes on the caller's context (the stub's), whichever thread the relay answers on. */
  private static <T> Future<T> back(Future<T> result) {
    Context here = Vertx.currentContext();
    if (here == null) {
      return result;
    }
    Promise<T> p = Promise.promise();
    result.onComplete(ar -> {
      if (Vertx.currentContext() == here) {
        p.handle(ar);
      } else {
        here.runOnContext(v -> p.handle(ar));
      }
    });
    return p.future();
  }
}
