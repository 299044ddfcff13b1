package io.nrivertx.cri.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.RemoveContainerRequest;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.cri.ContainerState;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Stopping and removing containers, and the changes plugins make to them (updates, evictions).
 * As in containerd, StopContainer reaches NRI at most once per container: after a CRI stop, an
 * eviction, or before removal if it has not gone out yet; RemoveContainer follows on removal.
 * A simulated process stopped with a grace period exits 0; one killed (no grace, eviction,
 * removal while running) exits 137. Runs on the state context.
 */
abstract class ContainerStops {
  protected final CriContext cx;
  protected final CriStore store;
  protected final NriEvents nri;

  ContainerStops(CriContext cx, CriStore store, NriEvents nri) {
    this.cx = cx;
    this.store = store;
    this.nri = nri;
  }

  Container view(ContainerRecord c) {
    return NriViews.container(c, SpecJson.parse(c.getSpecJson()));
  }

  /** As containerd: stopping a container that is not there (any more) succeeds, the CRI call being idempotent. */
  Future<Void> stop(String idOrPrefix, long timeoutSeconds) {
    return withContainer(idOrPrefix, true, c -> halt(c, timeoutSeconds > 0 ? 0 : 137, null, null)
        .compose(this::notifyStop));
  }

  /** Removing a container that is not there (any more) succeeds, as in containerd. */
  Future<Void> remove(String idOrPrefix) {
    return withContainer(idOrPrefix, true, this::removed);
  }

  private Future<Void> removed(ContainerRecord c) {
    return halt(c, 137, null, null).compose(this::notifyStop).compose(v -> {
      ContainerRecord last = store.container(c.getId());
      return store.removeContainer(c.getId()).compose(w -> nri.notify(PluginCall.REMOVE_CONTAINER,
          RemoveContainerRequest.newBuilder().setPod(NriViews.pod(store.pod(c.getPodId()))).setContainer(view(last))
              .build()));
    });
  }

  /** Every running container of a pod that is being stopped. The caller holds the pod's order. */
  Future<Void> stopAll(String podId) {
    Future<Void> chain = Future.succeededFuture();
    for (ContainerRecord c : store.containers()) {
      if (c.getPodId().equals(podId) && c.getState() == ContainerState.CONTAINER_RUNNING) {
        chain = chain.compose(v -> halt(store.container(c.getId()), 137, null, null)).compose(this::notifyStop);
      }
    }
    return chain;
  }

  /** Every container of a pod that is being removed. The caller holds the pod's order. */
  Future<Void> removeAll(String podId) {
    Future<Void> chain = Future.succeededFuture();
    for (ContainerRecord c : store.containers()) {
      if (c.getPodId().equals(podId)) {
        chain = chain.compose(v -> removed(store.container(c.getId())));
      }
    }
    return chain;
  }

  /** A running container's process ends; anything else is returned as it is. */
  Future<ContainerRecord> halt(ContainerRecord c, int exitCode, String reason, String message) {
    if (c.getState() != ContainerState.CONTAINER_RUNNING) {
      return Future.succeededFuture(c);
    }
    ContainerRecord.Builder b = c.toBuilder().setState(ContainerState.CONTAINER_EXITED).setFinishedAt(Clock.nanos())
        .setExitCode(exitCode).setReason(reason != null ? reason : exitCode == 0 ? "Completed" : "Error");
    if (message != null) {
      b.setMessage(message);
    }
    ContainerRecord exited = b.build();
    return store.put(exited).map(exited);
  }

  /** Sends StopContainer unless it went out before; its updates for other containers are applied by the core. */
  Future<Void> notifyStop(ContainerRecord c) {
    ContainerRecord now = store.container(c.getId());
    if (now == null || now.getStopNotified()) {
      return Future.succeededFuture();
    }
    ContainerRecord marked = now.toBuilder().setStopNotified(true).build();
    return store.put(marked).compose(v -> nri.notify(PluginCall.STOP_CONTAINER, StopContainerRequest.newBuilder()
        .setPod(NriViews.pod(store.pod(c.getPodId()))).setContainer(view(marked)).build()));
  }

  /** A plugin's update (solicited or not): applied to the spec at once, outside the pod's order. */
  Future<Void> applyUpdate(ContainerUpdate u) {
    ContainerRecord c = store.container(u.getContainerId());
    if (c == null) {
      return Future.failedFuture("no container " + u.getContainerId());
    }
    if (c.getState() == ContainerState.CONTAINER_EXITED) {
      return Future.failedFuture("container " + c.getId() + " has exited: its resources cannot change");
    }
    JsonObject spec = SpecJson.parse(c.getSpecJson());
    OciResources.applyNri(u.getLinux().getResources(), spec);
    return store.put(c.toBuilder().setSpecJson(SpecJson.bytes(spec)).build());
  }

  /**
   * A plugin's eviction: the container is killed at once; its StopContainer event waits for the
   * pod's order (the eviction may arrive while an event of that very pod is being dispatched).
   */
  Future<Void> evict(ContainerEviction e) {
    ContainerRecord c = store.container(e.getContainerId());
    if (c == null) {
      return Future.failedFuture("no container " + e.getContainerId());
    }
    return halt(c, 137, "Evicted", "evicted by an NRI plugin: " + e.getReason()).map(exited -> {
      cx.ordered(c.getPodId(), () -> notifyStop(exited));
      return null;
    });
  }

  /** Resolves the container (NOT_FOUND otherwise) and runs {@code work} in its pod's order. */
  protected <T> Future<T> withContainer(String idOrPrefix, Function<ContainerRecord, Future<T>> work) {
    return withContainer(idOrPrefix, false, work);
  }

  /** As {@link #withContainer(String, Function)}; a container not found is nothing to do when {@code absentIsDone}. */
  protected <T> Future<T> withContainer(String idOrPrefix, boolean absentIsDone,
      Function<ContainerRecord, Future<T>> work) {
    if (idOrPrefix.isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("container_id is required"));
    }
    ContainerRecord found = store.findContainer(idOrPrefix);
    Future<T> absent = absentIsDone ? Future.succeededFuture()
        : Future.failedFuture(CriErrors.notFound("container", idOrPrefix));
    if (found == null) {
      return absent;
    }
    return cx.ordered(found.getPodId(), () -> {
      ContainerRecord c = store.container(found.getId());
      return c == null ? absent : work.apply(c);
    });
  }
}
