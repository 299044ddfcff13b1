package io.nrivertx.cri.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.cri.ContainerState;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.domain.Domain;
import io.vertx.core.Future;
import java.util.List;

/**
 * The CRI endpoint's state as NRI's "k8s.io" domain: what plugins get in Synchronize (exited
 * containers left out, as containerd does) and where their updates and evictions land. May be
 * called from any context; the work hops onto the state context.
 */
public final class CriDomain implements Domain {
  public static final String NAMESPACE = "k8s.io";

  private final CriContext cx;
  private final CriStore store;
  private final ContainerStops containers;

  CriDomain(CriContext cx, CriStore store, ContainerStops containers) {
    this.cx = cx;
    this.store = store;
    this.containers = containers;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<List<PodSandbox>> listPods() {
    return cx.run(() -> Future.succeededFuture(store.pods().stream().map(NriViews::pod).toList()));
  }

  @Override
  public Future<List<Container>> listContainers() {
    return cx.run(() -> Future.succeededFuture(store.containers().stream()
        .filter(c -> c.getState() == ContainerState.CONTAINER_CREATED || c.getState() == ContainerState.CONTAINER_RUNNING)
        .map(containers::view).toList()));
  }

  @Override
  public Future<PodSandbox> pod(String id) {
    return cx.run(() -> {
      PodRecord p = store.pod(id);
      return Future.succeededFuture(p == null ? null : NriViews.pod(p));
    });
  }

  @Override
  public Future<Container> container(String id) {
    return cx.run(() -> {
      ContainerRecord c = store.container(id);
      return Future.succeededFuture(c == null ? null : containers.view(c));
    });
  }

  @Override
  public Future<Void> updateContainer(ContainerUpdate update) {
    return cx.run(() -> containers.applyUpdate(update));
  }

  @Override
  public Future<Void> evictContainer(ContainerEviction eviction) {
    return cx.run(() -> containers.evict(eviction));
  }
}
