package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.*;

/** Typed access to the pod and container an NRI event request carries. */
final class Requests {
  private Requests() {
  }

  static PodSandbox pod(Message request) {
    return switch (request) {
      case RunPodSandboxRequest r -> r.getPod();
      case UpdatePodSandboxRequest r -> r.getPod();
      case PostUpdatePodSandboxRequest r -> r.getPod();
      case StopPodSandboxRequest r -> r.getPod();
      case RemovePodSandboxRequest r -> r.getPod();
      case CreateContainerRequest r -> r.getPod();
      case PostCreateContainerRequest r -> r.getPod();
      case StartContainerRequest r -> r.getPod();
      case PostStartContainerRequest r -> r.getPod();
      case UpdateContainerRequest r -> r.getPod();
      case PostUpdateContainerRequest r -> r.getPod();
      case StopContainerRequest r -> r.getPod();
      case RemoveContainerRequest r -> r.getPod();
      case ValidateContainerAdjustmentRequest r -> r.getPod();
      default -> null;
    };
  }

  /** The container of a container event, else null. */
  static Container container(Message request) {
    return switch (request) {
      case CreateContainerRequest r -> r.getContainer();
      case PostCreateContainerRequest r -> r.getContainer();
      case StartContainerRequest r -> r.getContainer();
      case PostStartContainerRequest r -> r.getContainer();
      case UpdateContainerRequest r -> r.getContainer();
      case PostUpdateContainerRequest r -> r.getContainer();
      case StopContainerRequest r -> r.getContainer();
      case RemoveContainerRequest r -> r.getContainer();
      case ValidateContainerAdjustmentRequest r -> r.getContainer();
      default -> null;
    };
  }

  /** Whether the event's container is the runtime's current one (not the one before plugins changed it). */
  static boolean carriesFinalContainer(Message request) {
    return request instanceof PostCreateContainerRequest || request instanceof StartContainerRequest
        || request instanceof PostStartContainerRequest || request instanceof PostUpdateContainerRequest;
  }
}
