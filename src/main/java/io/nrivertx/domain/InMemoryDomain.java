package io.nrivertx.domain;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.PodSandbox;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain that keeps its pods and containers in memory, in insertion order. It is the simulated
 * runtime behind {@code run} and {@code scenario}. Thread-safe: every access holds the monitor for
 * a few map operations only, so any context may call it without blocking in practice.
 */
public final class InMemoryDomain implements Domain {
  private final String namespace;
  private final Map<String, PodSandbox> pods = new LinkedHashMap<>();
  private final Map<String, Container> containers = new LinkedHashMap<>();

  public InMemoryDomain(String namespace) {
    this.namespace = namespace;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  public synchronized void putPod(PodSandbox pod) {
    pods.put(pod.getId(), pod);
  }

  public synchronized void putContainer(Container container) {
    containers.put(container.getId(), container);
  }

  public synchronized PodSandbox removePod(String id) {
    return pods.remove(id);
  }

  public synchronized Container removeContainer(String id) {
    return containers.remove(id);
  }

  public synchronized PodSandbox podNow(String id) {
    return pods.get(id);
  }

  public synchronized Container containerNow(String id) {
    return containers.get(id);
  }

  @Override
  public synchronized Future<List<PodSandbox>> listPods() {
    return Future.succeededFuture(List.copyOf(pods.values()));
  }

  @Override
  public synchronized Future<List<Container>> listContainers() {
    List<Container> live = new ArrayList<>();
    for (Container c : containers.values()) {
      if (c.getState() != ContainerState.CONTAINER_STOPPED && c.getState() != ContainerState.CONTAINER_UNKNOWN) {
        live.add(c);
      }
    }
    return Future.succeededFuture(live);
  }

  @Override
  public synchronized Future<PodSandbox> pod(String id) {
    return Future.succeededFuture(pods.get(id));
  }

  @Override
  public synchronized Future<Container> container(String id) {
    return Future.succeededFuture(containers.get(id));
  }

  @Override
  public synchronized Future<Void> updateContainer(ContainerUpdate update) {
    Container c = containers.get(update.getContainerId());
    if (c == null) {
      return Future.failedFuture("no container " + update.getContainerId() + " in domain " + namespace);
    }
    // The update's resources replace the fields it sets, as CRI's UpdateContainerResources does.
    LinuxContainer.Builder linux = c.getLinux().toBuilder();
    linux.getResourcesBuilder().mergeFrom(update.getLinux().getResources());
    containers.put(c.getId(), c.toBuilder().setLinux(linux).build());
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> evictContainer(ContainerEviction eviction) {
    Container c = containers.get(eviction.getContainerId());
    if (c == null) {
      return Future.failedFuture("no container " + eviction.getContainerId() + " in domain " + namespace);
    }
    containers.put(c.getId(), c.toBuilder().setState(ContainerState.CONTAINER_STOPPED)
        .setStatusReason("Evicted").setStatusMessage(eviction.getReason()).build());
    return Future.succeededFuture();
  }
}
