package io.nrivertx.stub;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.api.UpdatePodSandboxRequest;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.service.EventMask;
import io.vertx.core.Future;
import java.util.List;

/**
 * An NRI plugin: override the handlers of the events it wants.
 *
 * <p><b>Subscription.</b> The stub looks, once when it is created, at which event handlers the
 * plugin's class overrides; those events are its subscription. A plugin overriding none is
 * refused. {@link #configure} may narrow the subscription, never widen it. The stub never sends
 * an empty mask, which the runtime would read as "every event", validation included.
 *
 * <p><b>Threading.</b> Every method is called on the stub's Vert.x event-loop context, one
 * request at a time as the runtime sends them. Do not block: return a future and do slow work
 * with {@code Vertx.currentContext().executeBlocking(...)}. A failed future becomes an error
 * status the runtime sees (for most events it fails the operation); a {@code null} result means
 * "nothing to change".
 *
 * <p>Do not await {@link Stub#updateContainers} inside a handler: containerd holds its NRI lock
 * while it dispatches an event, and its UpdateContainers handler needs the same lock.
 */
public interface NriPlugin {

  /**
   * The runtime's configuration: the drop-in config text ("" for external plugins), runtime name
   * and version, timeouts. The stub adopts the timeouts before calling this.
   *
   * @return the events to subscribe to; an empty mask (the default) = every event handled
   */
  default Future<EventMask> configure(ConfigureRequest request) {
    return Future.succeededFuture(new EventMask(0));
  }

  /**
   * The runtime's existing pods and containers (all chunks of a split request, put together).
   *
   * @return updates to existing containers, or null/empty
   */
  default Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    return Future.succeededFuture(List.of());
  }

  /**
   * The connection to the runtime was lost (not by {@link Stub#stop}); the stub reconnects next
   * when its options say so. For bookkeeping only: nothing is sent back.
   */
  default void connectionLost(String reason) {
  }

  /** The runtime asked the plugin to shut down; the stub answers once this completes. */
  default Future<Void> shutdown() {
    return Future.succeededFuture();
  }

  default Future<Void> runPodSandbox(PodSandbox pod) {
    return Future.succeededFuture();
  }

  default Future<Void> updatePodSandbox(PodSandbox pod, LinuxResources overhead, LinuxResources resources) {
    return Future.succeededFuture();
  }

  /**
   * The whole UpdatePodSandbox request, for a plugin that must tell an absent part from an empty
   * one (a relay passing the request on). Override either this or the method above.
   */
  default Future<Void> updatePodSandbox(UpdatePodSandboxRequest request) {
    return updatePodSandbox(request.getPod(), request.getOverheadLinuxResources(), request.getLinuxResources());
  }

  default Future<Void> postUpdatePodSandbox(PodSandbox pod) {
    return Future.succeededFuture();
  }

  default Future<Void> stopPodSandbox(PodSandbox pod) {
    return Future.succeededFuture();
  }

  default Future<Void> removePodSandbox(PodSandbox pod) {
    return Future.succeededFuture();
  }

  /**
   * A container is being created: adjust it, update or evict other containers. Build the reply
   * with {@link Adjustments}.
   */
  default Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture(CreateContainerResponse.getDefaultInstance());
  }

  default Future<Void> postCreateContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture();
  }

  default Future<Void> startContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture();
  }

  default Future<Void> postStartContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture();
  }

  /**
   * A container's resources are about to change to {@code resources}. An update for this very
   * container replaces the requested resources; updates to others are applied too.
   */
  default Future<UpdateContainerResponse> updateContainer(PodSandbox pod, Container container,
                                                          LinuxResources resources) {
    return Future.succeededFuture(UpdateContainerResponse.getDefaultInstance());
  }

  /** The whole UpdateContainer request (see {@link #updatePodSandbox(UpdatePodSandboxRequest)}). */
  default Future<UpdateContainerResponse> updateContainer(UpdateContainerRequest request) {
    return updateContainer(request.getPod(), request.getContainer(), request.getLinuxResources());
  }

  default Future<Void> postUpdateContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture();
  }

  /** A container stopped; the plugin may update the remaining containers. */
  default Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture(StopContainerResponse.getDefaultInstance());
  }

  default Future<Void> removeContainer(PodSandbox pod, Container container) {
    return Future.succeededFuture();
  }

  /**
   * Validates the merged adjustment of all plugins for a container being created. Overriding this
   * makes the plugin a validator. A failed future rejects the container, its message being the
   * reason (as the Go stub does); the RPC itself succeeds.
   */
  default Future<Void> validateContainerAdjustment(ValidateContainerAdjustmentRequest request) {
    return Future.succeededFuture();
  }
}
