package io.nrivertx.cri.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PostCreateContainerRequest;
import io.nrivertx.api.PostStartContainerRequest;
import io.nrivertx.api.PostUpdateContainerRequest;
import io.nrivertx.api.RemoveContainerRequest;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.cri.ContainerConfig;
import io.nrivertx.api.cri.ContainerState;
import io.nrivertx.api.cri.PodSandboxState;
import io.nrivertx.api.cri.UpdateContainerResourcesRequest;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.time.Instant;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * CreateContainer, StartContainer and UpdateContainerResources with containerd's NRI points:
 * CreateContainer (blocking; its adjustment goes into the OCI spec; if creation fails after it,
 * StopContainer and RemoveContainer follow), PostCreateContainer, StartContainer (blocking; a
 * refusal leaves the container exited with StartError and sends StopContainer),
 * PostStartContainer, UpdateContainer (blocking; the plugins' resources win) and
 * PostUpdateContainer. Stopping and removal are in {@link ContainerStops}. Runs on the state context.
 */
final class ContainerOps extends ContainerStops {
  private final Ids ids = new Ids();
  private final ImageOps images;
  private final Processes processes;

  ContainerOps(CriContext cx, CriStore store, NriEvents nri, ImageOps images) {
    super(cx, store, nri);
    this.images = images;
    this.processes = new Processes(cx, store, this);
  }

  /** After the state is loaded: simulated processes due to exit on their own are timed again. */
  void resumeProcesses() {
    processes.resume();
  }

  Future<String> create(io.nrivertx.api.cri.CreateContainerRequest req, Instant deadline) {
    ContainerConfig cfg = req.getConfig();
    if (req.getPodSandboxId().isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("CreateContainer: pod_sandbox_id is required"));
    }
    if (!cfg.hasMetadata() || cfg.getMetadata().getName().isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("CreateContainer: config.metadata.name is required"));
    }
    if (cfg.getImage().getImage().isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("CreateContainer: config.image.image is required"));
    }
    PodRecord found = store.findPod(req.getPodSandboxId());
    if (found == null) {
      return Future.failedFuture(CriErrors.notFound("pod sandbox", req.getPodSandboxId()));
    }
    String simulation = SimulatedProcess.check(cfg.getAnnotationsMap());
    if (simulation != null) {
      return Future.failedFuture(CriErrors.invalid("CreateContainer: " + simulation));
    }
    var refused = CriChecks.container(cfg);
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    return cx.ordered(found.getId(), () -> {
      PodRecord pod = store.pod(found.getId());
      if (pod == null) {
        return Future.failedFuture(CriErrors.notFound("pod sandbox", req.getPodSandboxId()));
      }
      if (pod.getState() != PodSandboxState.SANDBOX_READY) {
        return Future.failedFuture(CriErrors.precondition("pod sandbox " + pod.getId() + " is not ready:"
            + " containers can only be created in a running pod"));
      }
      for (ContainerRecord c : store.containers()) {
        if (c.getPodId().equals(pod.getId()) && c.getConfig().getMetadata().getName().equals(cfg.getMetadata().getName())
            && c.getConfig().getMetadata().getAttempt() == cfg.getMetadata().getAttempt()) {
          return Future.failedFuture(CriErrors.exists("container name \"" + cfg.getMetadata().getName() + "\" (attempt "
              + cfg.getMetadata().getAttempt() + ") is already used by " + c.getId() + " in pod " + pod.getId()));
        }
      }
      return images.forContainer(cfg.getImage().getImage()).compose(imageId -> create(pod, cfg, imageId, deadline));
    });
  }

  private Future<String> create(PodRecord pod, ContainerConfig cfg, String imageId, Instant deadline) {
    String id = ids.next();
    JsonObject spec = SpecGenerator.container(pod, id, cfg, cfg.getImage().getImage());
    ContainerRecord draft = ContainerRecord.newBuilder().setId(id).setPodId(pod.getId()).setConfig(cfg)
        .setState(ContainerState.CONTAINER_UNKNOWN).setImageRef(imageId).build();
    Container view = NriViews.container(draft, spec);
    return nri.blocking(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(NriViews.pod(pod))
        .setContainer(view).build(), deadline).compose(rsp -> {
          ContainerRecord created;
          try {
            SpecAdjuster.apply(rsp.getAdjust(), spec);
            created = draft.toBuilder().setState(ContainerState.CONTAINER_CREATED).setCreatedAt(Clock.nanos())
                .setSpecJson(SpecJson.bytes(spec)).addAllCdiDevices(rsp.getAdjust().getCDIDevicesList().stream()
                    .map(io.nrivertx.api.CDIDevice::getName).toList()).build();
          } catch (RuntimeException e) {
            return undoCreate(pod, view, CriErrors.precondition("cannot apply the NRI adjustment: " + e.getMessage()));
          }
          return store.put(created)
              .recover(err -> undoCreate(pod, view, err))
              .compose(v -> nri.notify(PluginCall.POST_CREATE_CONTAINER, PostCreateContainerRequest.newBuilder()
                  .setPod(NriViews.pod(pod)).setContainer(view(created)).build(), deadline))
              .map(id);
        });
  }

  /** Creation failed after the plugins accepted it: they hear StopContainer and RemoveContainer. */
  private <T> Future<T> undoCreate(PodRecord pod, Container view, Throwable cause) {
    return nri.notify(PluginCall.STOP_CONTAINER, StopContainerRequest.newBuilder().setPod(NriViews.pod(pod))
            .setContainer(view).build())
        .compose(v -> nri.notify(PluginCall.REMOVE_CONTAINER, RemoveContainerRequest.newBuilder()
            .setPod(NriViews.pod(pod)).setContainer(view).build()))
        .compose(v -> Future.failedFuture(cause));
  }

  Future<Void> start(String idOrPrefix, Instant deadline) {
    return withContainer(idOrPrefix, c -> {
      if (c.getState() != ContainerState.CONTAINER_CREATED) {
        return Future.failedFuture(CriErrors.precondition("container " + c.getId() + " is in " + c.getState()
            + " state: only a created container can be started"));
      }
      PodRecord pod = store.pod(c.getPodId());
      if (pod.getState() != PodSandboxState.SANDBOX_READY) {
        return Future.failedFuture(CriErrors.precondition("pod sandbox " + pod.getId() + " is not ready"));
      }
      // containerd creates the task before StartContainer goes out, so plugins see its pid.
      int pid = store.nextPid();
      return nri.blocking(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(NriViews.pod(pod))
              .setContainer(view(c.toBuilder().setPid(pid).build())).build(), deadline)
          .recover(refused -> startFailed(c.getId(), refused))
          .compose(rsp -> {
            ContainerRecord running = store.container(c.getId()).toBuilder().setState(ContainerState.CONTAINER_RUNNING)
                .setStartedAt(Clock.nanos()).setPid(pid).build();
            return store.put(running).compose(v -> nri.notify(PluginCall.POST_START_CONTAINER,
                PostStartContainerRequest.newBuilder().setPod(NriViews.pod(pod)).setContainer(view(running)).build(),
                deadline))
                .andThen(ar -> processes.started(running));
          });
    });
  }

  private <T> Future<T> startFailed(String id, Throwable cause) {
    ContainerRecord failed = store.container(id).toBuilder().setState(ContainerState.CONTAINER_EXITED)
        .setFinishedAt(Clock.nanos()).setExitCode(128).setReason("StartError").setMessage(cause.getMessage()).build();
    return store.put(failed).compose(v -> notifyStop(failed)).compose(v -> Future.failedFuture(cause));
  }

  Future<Void> updateResources(UpdateContainerResourcesRequest req, Instant deadline) {
    if (!req.hasLinux()) {
      return Future.failedFuture(CriErrors.invalid("UpdateContainerResources: linux resources are required"));
    }
    return withContainer(req.getContainerId(), c -> {
      if (c.getState() != ContainerState.CONTAINER_CREATED && c.getState() != ContainerState.CONTAINER_RUNNING) {
        return Future.failedFuture(CriErrors.precondition("container " + c.getId() + " is in " + c.getState()
            + " state: only created or running containers can be updated"));
      }
      JsonObject asked = new JsonObject();
      OciResources.fromCri(req.getLinux(), asked);
      LinuxResources requested = OciResources.toNri(asked, new JsonObject());
      PodRecord pod = store.pod(c.getPodId());
      return nri.blocking(PluginCall.UPDATE_CONTAINER, UpdateContainerRequest.newBuilder().setPod(NriViews.pod(pod))
          .setContainer(view(c)).setLinuxResources(requested).build(), deadline).compose(rsp -> {
            List<ContainerUpdate> updates = rsp.getUpdateList();
            ContainerUpdate last = updates.isEmpty() ? null : updates.get(updates.size() - 1);
            LinuxResources effective = last != null && last.getContainerId().equals(c.getId())
                ? last.getLinux().getResources() : requested;
            return resize(c.getId(), effective, req.getLinux().getOomScoreAdj());
          }).compose(updated -> nri.notify(PluginCall.POST_UPDATE_CONTAINER, PostUpdateContainerRequest.newBuilder()
              .setPod(NriViews.pod(pod)).setContainer(view(updated)).build(), deadline));
    });
  }

  private Future<ContainerRecord> resize(String id, LinuxResources resources, long oomScoreAdj) {
    ContainerRecord now = store.container(id);
    JsonObject spec = SpecJson.parse(now.getSpecJson());
    OciResources.applyNri(resources, spec);
    if (oomScoreAdj != 0) {
      SpecJson.object(spec, "process").put("oomScoreAdj", oomScoreAdj);
    }
    ContainerRecord updated = now.toBuilder().setSpecJson(SpecJson.bytes(spec)).build();
    return store.put(updated).map(updated);
  }
}
