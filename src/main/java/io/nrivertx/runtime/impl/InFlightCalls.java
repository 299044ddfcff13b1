package io.nrivertx.runtime.impl;

import io.nrivertx.plugin.Plugin;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls in flight per plugin connection, both ways: the core's calls to it and its unsolicited
 * UpdateContainers. A plugin handed over to its successor gets Shutdown only once it has none
 * left ({@link #idle}). Confined to the core's context.
 */
final class InFlightCalls {
  private final CoreContext ctx;
  private final Map<Plugin, Integer> counts = new IdentityHashMap<>();
  private final Map<Plugin, List<Promise<Void>>> waiting = new IdentityHashMap<>();

  InFlightCalls(CoreContext ctx) {
    this.ctx = ctx;
  }

  /** Counts {@code call} against {@code plugin} until it completes; returns it. */
  <T> Future<T> track(Plugin plugin, Future<T> call) {
    ctx.check("InFlightCalls");
    if (call.isComplete()) {
      return call;
    }
    counts.merge(plugin, 1, Integer::sum);
    return call.andThen(ar -> ctx.run(() -> {
      ended(plugin);
      return Future.succeededFuture();
    }));
  }

  int count(Plugin plugin) {
    return counts.getOrDefault(plugin, 0);
  }

  /** Completes (on the core) once {@code plugin} has no call in flight. */
  Future<Void> idle(Plugin plugin) {
    ctx.check("InFlightCalls");
    if (count(plugin) == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    waiting.computeIfAbsent(plugin, k -> new ArrayList<>()).add(p);
    return p.future();
  }

  private void ended(Plugin plugin) {
    int left = counts.merge(plugin, -1, Integer::sum);
    if (left <= 0) {
      counts.remove(plugin);
      List<Promise<Void>> w = waiting.remove(plugin);
      if (w != null) {
        w.forEach(Promise::tryComplete);
      }
    }
  }
}
