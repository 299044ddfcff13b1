package io.nrivertx.domain;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.vertx.core.Future;
import java.util.List;

/**
 * One runtime namespace ("k8s.io", "moby", ...) as NRI sees it: the pods and containers it holds
 * in NRI's neutral form, and the changes plugins ask it to make. Every method is asynchronous so a
 * domain may live behind the event bus or a network call; none may block the caller.
 */
public interface Domain {
  /** The namespace this domain translates, e.g. "k8s.io". */
  String namespace();

  Future<List<PodSandbox>> listPods();

  /** Containers a plugin should know about: the ones that are neither exited nor unknown. */
  Future<List<Container>> listContainers();

  /** @return the pod, or a succeeded future holding null when the domain has none with that id */
  Future<PodSandbox> pod(String id);

  /** @return the container, or a succeeded future holding null when unknown */
  Future<Container> container(String id);

  /** Applies a plugin's resource update; fails when the container cannot take it. */
  Future<Void> updateContainer(ContainerUpdate update);

  /** Stops a container a plugin asked to evict. */
  Future<Void> evictContainer(ContainerEviction eviction);

  /** As {@link #updateContainer(ContainerUpdate)}, told where the update comes from. */
  default Future<Void> updateContainer(ContainerUpdate update, UpdateOrigin origin) {
    return updateContainer(update);
  }

  /** As {@link #evictContainer(ContainerEviction)}, told where the eviction comes from. */
  default Future<Void> evictContainer(ContainerEviction eviction, UpdateOrigin origin) {
    return evictContainer(eviction);
  }
}
