package io.nrivertx.runtime.impl;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Events of one pod run in arrival order; events of different pods do not wait for each other
 * (NRI serialises the whole node; we keep only its per-event plugin order). Each pod's queue
 * depth goes to the observer as it changes. Confined to the core's context.
 */
final class PodQueues {
  private static final class Queue {
    Future<?> tail = Future.succeededFuture();
    int depth;
  }

  private final CoreContext ctx;
  private final Observation observation;
  private final Map<String, Queue> queues = new HashMap<>();

  PodQueues(CoreContext ctx, Observation observation) {
    this.ctx = ctx;
    this.observation = observation;
  }

  /** Runs {@code work} once the pod's earlier events are done; events without a pod run at once. */
  <T> Future<T> inOrder(String podId, Supplier<Future<T>> work) {
    ctx.check("PodQueues");
    if (podId == null) {
      return work.get();
    }
    Queue q = queues.computeIfAbsent(podId, id -> new Queue());
    Future<T> mine = q.tail.transform(previous -> work.get());
    q.tail = mine;
    observation.podQueueDepth(podId, ++q.depth);
    mine.onComplete(ar -> {
      observation.podQueueDepth(podId, --q.depth);
      if (q.depth == 0) {
        queues.remove(podId, q);
      }
    });
    return mine;
  }

  /** Pods with events waiting or running. */
  int pods() {
    return queues.size();
  }
}
