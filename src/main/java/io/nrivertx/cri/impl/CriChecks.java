package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.ContainerConfig;
import io.nrivertx.api.cri.LinuxContainerSecurityContext;
import io.nrivertx.api.cri.MountPropagation;
import io.nrivertx.api.cri.PodSandboxConfig;
import io.vertx.grpc.server.StatusException;

/**
 * Requests containerd refuses while generating a spec, refused here the same way (UNKNOWN, as a
 * plain Go error reaches a CRI client) and before any NRI event: a group without a user, and
 * recursive read-only mounts that are not read-only or not privately propagated. See docs/cri.md.
 */
final class CriChecks {
  private CriChecks() {
  }

  /** @return null when the pod may be created, else the error to answer with */
  static StatusException sandbox(PodSandboxConfig cfg) {
    var sec = cfg.getLinux().getSecurityContext();
    if (sec.hasRunAsGroup() && !sec.hasRunAsUser()) {
      return withoutUser("failed to generate sandbox container spec options", sec.getRunAsGroup().getValue());
    }
    return null;
  }

  /** @return null when the container may be created, else the error to answer with */
  static StatusException container(ContainerConfig cfg) {
    LinuxContainerSecurityContext sec = cfg.getLinux().getSecurityContext();
    if (sec.hasRunAsGroup() && !sec.hasRunAsUser() && sec.getRunAsUsername().isEmpty()) {
      return withoutUser("failed to get container spec opts", sec.getRunAsGroup().getValue());
    }
    for (var m : cfg.getMountsList()) {
      if (!m.getRecursiveReadOnly()) {
        continue;
      }
      if (!m.getReadonly()) {
        return new StatusException(io.vertx.grpc.common.GrpcStatus.UNKNOWN,
            "recursive read-only mount conflicts with RW mount (hostPath=\"" + m.getHostPath() + "\")");
      }
      if (m.getPropagation() != MountPropagation.PROPAGATION_PRIVATE) {
        return new StatusException(io.vertx.grpc.common.GrpcStatus.UNKNOWN,
            "recursive read-only mount needs private propagation, got \"" + m.getPropagation() + "\" (hostPath=\""
                + m.getHostPath() + "\")");
      }
    }
    return null;
  }

  private static StatusException withoutUser(String what, long gid) {
    return new StatusException(io.vertx.grpc.common.GrpcStatus.UNKNOWN, what + ": failed to generate user string: user"
        + " group \"" + gid + "\" is specified without user");
  }
}
