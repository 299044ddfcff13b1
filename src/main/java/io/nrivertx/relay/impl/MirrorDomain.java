package io.nrivertx.relay.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.domain.Domain;
import io.nrivertx.domain.UpdateOrigin;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * The downstream runtime's one domain: the runtime's pods and containers as the relay mirrors
 * them ({@link MirrorState}), and the way back upstream for changes plugins ask for. Updates from
 * a merged event reply are only recorded (the reply carries them to the runtime, which applies
 * them); updates from a plugin's Synchronize go upstream without waiting (the runtime may be in
 * the middle of an event, holding the lock its UpdateContainers handler needs); a plugin's own
 * UpdateContainers goes upstream and its outcome back to that plugin.
 *
 * <p>Thread-safety: every method hops onto the relay's context, which owns the state.
 */
final class MirrorDomain implements Domain {
  private static final System.Logger LOG = System.getLogger(MirrorDomain.class.getName());

  /** The way to the runtime's UpdateContainers. */
  interface Upstream {
    /** @return the updates the runtime reports failed; fails when it refused or is not connected */
    Future<List<ContainerUpdate>> updateContainers(List<ContainerUpdate> updates, List<ContainerEviction> evictions);
  }

  private final String namespace;
  private final Context context;
  private final MirrorState state;
  private final Upstream upstream;

  MirrorDomain(String namespace, Context context, MirrorState state, Upstream upstream) {
    this.namespace = namespace;
    this.context = context;
    this.state = state;
    this.upstream = upstream;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Future<List<PodSandbox>> listPods() {
    return onContext(() -> Future.succeededFuture(state.pods()));
  }

  @Override
  public Future<List<Container>> listContainers() {
    return onContext(() -> Future.succeededFuture(state.liveContainers()));
  }

  @Override
  public Future<PodSandbox> pod(String id) {
    return onContext(() -> Future.succeededFuture(state.pod(id)));
  }

  @Override
  public Future<Container> container(String id) {
    return onContext(() -> Future.succeededFuture(state.container(id)));
  }

  @Override
  public Future<Void> updateContainer(ContainerUpdate update) {
    return updateContainer(update, UpdateOrigin.UNSOLICITED);
  }

  @Override
  public Future<Void> updateContainer(ContainerUpdate update, UpdateOrigin origin) {
    return onContext(() -> switch (origin) {
      case EVENT_REPLY -> {
        state.applied(update);
        yield Future.succeededFuture();
      }
      case SYNCHRONIZE -> {
        upstream.updateContainers(List.of(update), List.of()).onComplete(ar -> onContext(() -> {
          if (ar.succeeded() && ar.result().isEmpty()) {
            state.applied(update);
          } else {
            LOG.log(Level.WARNING, "relay: the runtime did not apply the Synchronize update of container "
                + update.getContainerId() + ": " + (ar.failed() ? ar.cause().getMessage() : "reported failed"));
          }
          return Future.succeededFuture();
        }));
        yield Future.succeededFuture();
      }
      case UNSOLICITED -> upstream.updateContainers(List.of(update), List.of()).compose(failed -> onContext(() -> {
        if (!failed.isEmpty()) {
          return Future.failedFuture("the runtime failed the update of container " + update.getContainerId());
        }
        state.applied(update);
        return Future.succeededFuture();
      }));
    });
  }

  @Override
  public Future<Void> evictContainer(ContainerEviction eviction) {
    return evictContainer(eviction, UpdateOrigin.UNSOLICITED);
  }

  @Override
  public Future<Void> evictContainer(ContainerEviction eviction, UpdateOrigin origin) {
    if (origin == UpdateOrigin.UNSOLICITED) {
      // NRI v0.12 runtimes ignore evictions; one that honours them gets them as the plugin sent them.
      return upstream.updateContainers(List.of(), List.of(eviction)).mapEmpty();
    }
    LOG.log(Level.INFO, "relay: eviction of container " + eviction.getContainerId() + " (" + eviction.getReason()
        + ") is in the audit record only: NRI event replies to the runtime carry no evictions");
    return Future.succeededFuture();
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (Vertx.currentContext() == context) {
      return work.get();
    }
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }
}
