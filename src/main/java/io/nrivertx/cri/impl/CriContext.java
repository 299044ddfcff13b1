package io.nrivertx.cri.impl;

import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one context all CRI state lives on, and per-pod ordering of multi-step operations: an
 * operation on a pod or its containers starts once the previous one on that pod has finished
 * (its NRI events and journal write included), while different pods proceed independently.
 * Changes that plugins make (updates, evictions) are single steps and never queue, so an
 * operation waiting on the plugins cannot deadlock with what the plugins ask for.
 */
final class CriContext {
  private final ContextInternal ctx;
  private final Future<?> ready;
  private final Map<String, Future<?>> tails = new HashMap<>();

  /** @param ready completes once the state is loaded: work queued before waits for it (or fails with it) */
  CriContext(ContextInternal ctx, Future<?> ready) {
    this.ctx = ctx;
    this.ready = ready;
  }

  ContextInternal context() {
    return ctx;
  }

  /** Runs {@code work} on the state context (from any thread), once the state is loaded. */
  <T> Future<T> run(Supplier<Future<T>> work) {
    PromiseInternal<T> p = ctx.promise();
    ready.onComplete(loaded -> ctx.runOnContext(v -> {
      if (loaded.failed()) {
        p.fail(loaded.cause());
        return;
      }
      try {
        work.get().onComplete(p);
      } catch (RuntimeException e) {
        p.fail(e);
      }
    }));
    return p.future();
  }

  /** Runs {@code work} on the state context after every earlier operation on {@code podId}. */
  <T> Future<T> ordered(String podId, Supplier<Future<T>> work) {
    return run(() -> {
      Future<?> previous = tails.getOrDefault(podId, Future.succeededFuture());
      Future<T> mine = previous.transform(ignored -> {
        try {
          return work.get();
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
      tails.put(podId, mine);
      mine.onComplete(ar -> tails.remove(podId, mine));
      return mine;
    });
  }
}
