package io.nrivertx.cri.impl;

import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RemovePodSandboxRequest;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StopPodSandboxRequest;
import io.nrivertx.api.UpdatePodSandboxRequest;
import io.nrivertx.api.cri.PodSandboxMetadata;
import io.nrivertx.api.cri.PodSandboxState;
import io.nrivertx.api.cri.RunPodSandboxResponse;
import io.nrivertx.api.cri.UpdatePodSandboxResourcesRequest;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Pod sandbox calls with containerd's NRI points: RunPodSandbox once the sandbox is up (blocking;
 * a refusal is followed by StopPodSandbox and RemovePodSandbox and no pod remains),
 * StopPodSandbox after the pod's containers stopped, RemovePodSandbox at the end of removal,
 * UpdatePodSandbox before and PostUpdatePodSandbox after a resource update. Runs on the state context.
 */
final class PodOps {
  private final CriContext cx;
  private final CriStore store;
  private final NriEvents nri;
  private final ContainerOps containers;
  private final Ids ids = new Ids();
  private final Set<String> reservedNames = new HashSet<>();

  PodOps(CriContext cx, CriStore store, NriEvents nri, ContainerOps containers) {
    this.cx = cx;
    this.store = store;
    this.nri = nri;
    this.containers = containers;
  }

  Future<RunPodSandboxResponse> run(io.nrivertx.api.cri.RunPodSandboxRequest req, Instant deadline) {
    PodSandboxMetadata md = req.getConfig().getMetadata();
    if (!req.hasConfig() || !req.getConfig().hasMetadata()) {
      return Future.failedFuture(CriErrors.invalid("RunPodSandbox: config.metadata is required"));
    }
    if (md.getName().isEmpty() || md.getUid().isEmpty() || md.getNamespace().isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("RunPodSandbox: config.metadata needs name, uid and namespace"
          + " (got name=\"" + md.getName() + "\", uid=\"" + md.getUid() + "\", namespace=\"" + md.getNamespace() + "\")"));
    }
    var invalid = CriChecks.sandbox(req.getConfig());
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    String name = md.getName() + "_" + md.getNamespace() + "_" + md.getUid() + "_" + md.getAttempt();
    for (PodRecord p : store.pods()) {
      PodSandboxMetadata o = p.getConfig().getMetadata();
      if (name.equals(o.getName() + "_" + o.getNamespace() + "_" + o.getUid() + "_" + o.getAttempt())) {
        return Future.failedFuture(CriErrors.exists("pod sandbox name \"" + name + "\" is already used by " + p.getId()));
      }
    }
    if (!reservedNames.add(name)) {
      return Future.failedFuture(CriErrors.exists("pod sandbox name \"" + name + "\" is being created by another call"));
    }
    String id = ids.next();
    int pid = store.nextPid();
    PodRecord pod = PodRecord.newBuilder().setId(id).setConfig(req.getConfig()).setRuntimeHandler(req.getRuntimeHandler())
        .setState(PodSandboxState.SANDBOX_READY).setCreatedAt(Clock.nanos()).setPid(pid)
        .setIp("10.88." + ((pid >> 8) & 255) + "." + (pid & 255))
        .setSpecJson(SpecJson.bytes(SpecGenerator.sandbox(id, req.getConfig(), req.getRuntimeHandler()))).build();
    PodSandbox view = NriViews.pod(pod);
    return cx.ordered(id, () -> nri.blocking(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(view).build(),
                deadline)
            // The teardown of a refused pod is not bound by the caller's deadline, as in containerd.
            .recover(refused -> nri.notify(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(view).build())
                .compose(v -> nri.notify(PluginCall.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.newBuilder().setPod(view).build()))
                .compose(v -> Future.failedFuture(refused)))
            .compose(v -> store.put(pod)))
        .map(v -> RunPodSandboxResponse.newBuilder().setPodSandboxId(id).build())
        .andThen(ar -> reservedNames.remove(name));
  }

  /** As containerd: stopping a pod that is not there (any more) succeeds, the CRI call being idempotent. */
  Future<Void> stop(String idOrPrefix) {
    return withPod(idOrPrefix, true, pod -> stopped(pod));
  }

  /** Stops the pod's containers, marks it not ready, then tells NRI (once). */
  private Future<Void> stopped(PodRecord pod) {
    return containers.stopAll(pod.getId()).compose(v -> {
      PodRecord now = store.pod(pod.getId());
      if (now.getStopNotified()) {
        return Future.succeededFuture();
      }
      PodRecord stopping = now.toBuilder().setState(PodSandboxState.SANDBOX_NOTREADY).build();
      PodRecord stopped = stopping.toBuilder().setStopNotified(true).build();
      // StopPodSandbox still sees the network namespace: containerd tears it down after the event.
      return store.put(stopped).compose(w -> nri.notify(PluginCall.STOP_POD_SANDBOX,
          StopPodSandboxRequest.newBuilder().setPod(NriViews.pod(stopping)).build()));
    });
  }

  /** Removing a pod that is not there (any more) succeeds, as in containerd. */
  Future<Void> remove(String idOrPrefix) {
    return withPod(idOrPrefix, true, pod -> stopped(pod)
        .compose(v -> containers.removeAll(pod.getId()))
        .compose(v -> {
          PodSandbox view = NriViews.pod(store.pod(pod.getId()));
          return store.removePod(pod.getId()).compose(w -> nri.notify(PluginCall.REMOVE_POD_SANDBOX,
              RemovePodSandboxRequest.newBuilder().setPod(view).build()));
        }));
  }

  Future<Void> updateResources(UpdatePodSandboxResourcesRequest req, Instant deadline) {
    return withPod(req.getPodSandboxId(), false, pod -> {
      UpdatePodSandboxRequest.Builder event = UpdatePodSandboxRequest.newBuilder().setPod(NriViews.pod(pod));
      if (req.hasOverhead()) {
        event.setOverheadLinuxResources(NriViews.pod(withResources(pod, req)).getLinux().getPodOverhead());
      }
      if (req.hasResources()) {
        event.setLinuxResources(NriViews.pod(withResources(pod, req)).getLinux().getPodResources());
      }
      return nri.blocking(PluginCall.UPDATE_POD_SANDBOX, event.build(), deadline).compose(rsp -> {
        PodRecord updated = withResources(store.pod(pod.getId()), req);
        return store.put(updated).compose(v -> nri.notify(PluginCall.POST_UPDATE_POD_SANDBOX,
            io.nrivertx.api.PostUpdatePodSandboxRequest.newBuilder().setPod(NriViews.pod(updated)).build(), deadline));
      });
    });
  }

  private static PodRecord withResources(PodRecord pod, UpdatePodSandboxResourcesRequest req) {
    PodRecord.Builder b = pod.toBuilder();
    if (req.hasOverhead()) {
      b.getConfigBuilder().getLinuxBuilder().setOverhead(req.getOverhead());
    }
    if (req.hasResources()) {
      b.getConfigBuilder().getLinuxBuilder().setResources(req.getResources());
    }
    return b.build();
  }

  /**
   * Resolves the pod and runs {@code work} in the pod's order; a pod not found is NOT_FOUND, or
   * nothing to do when {@code absentIsDone}.
   */
  private Future<Void> withPod(String idOrPrefix, boolean absentIsDone,
      java.util.function.Function<PodRecord, Future<Void>> work) {
    if (idOrPrefix.isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("pod_sandbox_id is required"));
    }
    PodRecord found = store.findPod(idOrPrefix);
    Future<Void> absent = absentIsDone ? Future.succeededFuture()
        : Future.failedFuture(CriErrors.notFound("pod sandbox", idOrPrefix));
    if (found == null) {
      return absent;
    }
    return cx.ordered(found.getId(), () -> {
      PodRecord pod = store.pod(found.getId());
      return pod == null ? absent : work.apply(pod);
    });
  }
}
