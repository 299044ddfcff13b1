package io.nrivertx.conformance;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.domain.Domain;
import io.nrivertx.domain.InMemoryDomain;
import io.vertx.core.Future;
import java.util.List;

/**
 * The scenario's in-memory domain as NRI v0.12 uses a domain: evictions are not acted on. nri-vertx
 * hands evictions to the owning domain (README, "What nri-vertx does beyond NRI v0.12"), which
 * would stop the container and change what later events carry; the comparison stays on v0.12.
 */
final class V012Domain implements Domain {
  private final InMemoryDomain store;

  V012Domain(InMemoryDomain store) {
    this.store = store;
  }

  @Override
  public String namespace() {
    return store.namespace();
  }

  @Override
  public Future<List<PodSandbox>> listPods() {
    return store.listPods();
  }

  @Override
  public Future<List<Container>> listContainers() {
    return store.listContainers();
  }

  @Override
  public Future<PodSandbox> pod(String id) {
    return store.pod(id);
  }

  @Override
  public Future<Container> container(String id) {
    return store.container(id);
  }

  @Override
  public Future<Void> updateContainer(ContainerUpdate update) {
    return store.updateContainer(update);
  }

  @Override
  public Future<Void> evictContainer(ContainerEviction eviction) {
    return Future.succeededFuture(); // v0.12 only counts evictions
  }
}
