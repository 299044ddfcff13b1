package io.nrivertx.domain;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every domain of one runtime, one per namespace. Synchronize sees the union of their pods and
 * containers; a plugin's update or eviction goes to the domain that holds the container.
 *
 * <p>containerd leaves id clashes between namespaces open. Here a container id held by two
 * domains is refused (the update fails naming both namespaces) rather than guessed: an update
 * applied to the wrong container is worse than one not applied.
 */
public final class DomainRegistry {
  private final List<Domain> domains = new CopyOnWriteArrayList<>();

  /** Adds a domain; fails when its namespace is already served. */
  public synchronized void register(Domain domain) {
    for (Domain d : domains) {
      if (d.namespace().equals(domain.namespace())) {
        throw new IllegalStateException("a domain for namespace \"" + domain.namespace() + "\" is already registered");
      }
    }
    domains.add(domain);
  }

  public synchronized boolean unregister(String namespace) {
    return domains.removeIf(d -> d.namespace().equals(namespace));
  }

  public List<String> namespaces() {
    return domains.stream().map(Domain::namespace).toList();
  }

  public Future<List<PodSandbox>> listPods() {
    return gather(domains.stream().map(Domain::listPods).toList());
  }

  public Future<List<Container>> listContainers() {
    return gather(domains.stream().map(Domain::listContainers).toList());
  }

  /** The one domain holding this container, null when none does; fails on an id clash. */
  public Future<Domain> owner(String containerId) {
    List<Domain> all = List.copyOf(domains);
    List<Future<Container>> lookups = all.stream().map(d -> d.container(containerId)).toList();
    return Future.join(lookups).transform(ignored -> {
      List<Domain> holders = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (lookups.get(i).succeeded() && lookups.get(i).result() != null) {
          holders.add(all.get(i));
        }
      }
      if (holders.size() > 1) {
        return Future.failedFuture("container " + containerId + " exists in several namespaces "
            + holders.stream().map(Domain::namespace).toList() + "; refusing to guess which one to change");
      }
      return Future.succeededFuture(holders.isEmpty() ? null : holders.get(0));
    });
  }

  /** Applies an update in the owning domain; a container no domain holds is skipped, as in NRI. */
  public Future<Void> updateContainer(ContainerUpdate update, UpdateOrigin origin) {
    return owner(update.getContainerId())
        .compose(d -> d == null ? Future.succeededFuture() : d.updateContainer(update, origin));
  }

  /** Evicts in the owning domain; unknown containers are skipped. */
  public Future<Void> evictContainer(ContainerEviction eviction, UpdateOrigin origin) {
    return owner(eviction.getContainerId())
        .compose(d -> d == null ? Future.succeededFuture() : d.evictContainer(eviction, origin));
  }

  private static <T> Future<List<T>> gather(List<Future<List<T>>> parts) {
    return Future.all(parts).map(all -> {
      List<T> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        out.addAll(all.<List<T>>resultAt(i));
      }
      return out;
    });
  }
}
