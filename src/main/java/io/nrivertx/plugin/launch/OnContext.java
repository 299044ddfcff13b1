package io.nrivertx.plugin.launch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Brings completions onto the launcher's context. A child is reaped on a thread of its own and a
 * pre-connected socket lives on an event loop of its own, so what they complete is moved to the
 * context that owns the launcher's state before anyone reacts to it.
 */
final class OnContext {
  private OnContext() {
  }

  /**
   * Runs {@code work} on {@code ctx}: inline when already there, else after a hop. The launcher's
   * entry points use it, as the futures their callers chain on may complete on a plugin's own
   * event loop.
   */
  static <T> Future<T> run(Context ctx, java.util.function.Supplier<Future<T>> work) {
    if (Vertx.currentContext() == ctx) {
      return work.get();
    }
    Promise<T> done = Promise.promise();
    ctx.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  /** {@code f}, completed on {@code ctx} (callbacks added to the result run there). */
  static <T> Future<T> on(Context ctx, Future<T> f) {
    Promise<T> done = Promise.promise();
    f.onComplete(ar -> {
      if (Vertx.currentContext() == ctx) {
        done.handle(ar);
      } else {
        ctx.runOnContext(v -> done.handle(ar));
      }
    });
    return done.future();
  }
}
