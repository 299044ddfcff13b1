package io.nrivertx.runtime.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Keeps plugin synchronization and lifecycle events apart, as NRI's BlockPluginSync does: a
 * plugin is synchronized only while no event is in flight, and events wait while a sync runs, so
 * no container can be created unseen between a plugin's sync snapshot and its first event.
 * Events run concurrently with each other. Confined to the core's context.
 */
final class SyncGate {
  private final CoreContext ctx;
  private int eventsInFlight;
  private boolean syncing;
  private final ArrayDeque<Runnable> waitingSyncs = new ArrayDeque<>();
  private final ArrayDeque<Runnable> waitingEvents = new ArrayDeque<>();

  SyncGate(CoreContext ctx) {
    this.ctx = ctx;
  }

  /** Lifecycle work: runs alongside other events, never while a plugin is being synchronized. */
  <T> Future<T> shared(Supplier<Future<T>> work) {
    ctx.check("SyncGate");
    Promise<T> done = Promise.promise();
    Runnable run = () -> {
      eventsInFlight++;
      Future<T> f;
      try {
        f = work.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        eventsInFlight--;
        done.handle(ar);
        drain();
      });
    };
    if (syncing || !waitingSyncs.isEmpty()) {
      waitingEvents.add(run);
    } else {
      run.run();
    }
    return done.future();
  }

  /** Admission work: waits for the events in flight, holds new ones back until it is done. */
  <T> Future<T> exclusive(Supplier<Future<T>> work) {
    ctx.check("SyncGate");
    Promise<T> done = Promise.promise();
    waitingSyncs.add(() -> {
      syncing = true;
      Future<T> f;
      try {
        f = work.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        syncing = false;
        done.handle(ar);
        drain();
      });
    });
    drain();
    return done.future();
  }

  /** True while another synchronization waits for its turn. */
  boolean syncsWaiting() {
    return !waitingSyncs.isEmpty();
  }

  private void drain() {
    if (syncing) {
      return;
    }
    if (!waitingSyncs.isEmpty()) {
      if (eventsInFlight == 0) {
        waitingSyncs.poll().run();
      }
      return;
    }
    while (!waitingEvents.isEmpty() && !syncing) {
      waitingEvents.poll().run();
    }
  }
}
