package io.nrivertx.runtime.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The context the core's state lives on (one event loop), and the ways onto it. Work from another
 * thread hops over; work already there runs inline, so an embedder calling from the core's own
 * context pays no hop. Public Vert.x API only: the thread of an event-loop context never changes,
 * so "on the core" is "on that thread", whichever duplicate of the context a callback runs on.
 */
final class CoreContext {
  private final Context context;
  private final Thread thread;
  private final RuntimeClock clock;

  private CoreContext(Context context, Thread thread, RuntimeClock clock) {
    this.context = context;
    this.thread = thread;
    this.clock = clock;
  }

  /** The calling event-loop context as the core's; call on it (a verticle's start). */
  static CoreContext ofCurrent(RuntimeClock clock) {
    Context ctx = Vertx.currentContext();
    if (ctx == null || !ctx.isEventLoopContext() || !Context.isOnEventLoopThread()) {
      throw new IllegalStateException("the runtime core must start on an event-loop context, not on "
          + Thread.currentThread().getName());
    }
    return new CoreContext(ctx, Thread.currentThread(), clock == null ? new VertxClock(ctx) : clock);
  }

  Vertx vertx() {
    return context.owner();
  }

  RuntimeClock clock() {
    return clock;
  }

  /** True on the core's thread. */
  boolean here() {
    return Thread.currentThread() == thread;
  }

  /** The entry-point check of state confined to the core: cheap, and loud when broken. */
  void check(String who) {
    if (Thread.currentThread() != thread) {
      throw new IllegalStateException(who + " is confined to the runtime core's context (" + thread.getName()
          + "), called on " + Thread.currentThread().getName());
    }
  }

  /** Runs {@code work} on the core (inline when already there); a throw fails the future. */
  <T> Future<T> run(Supplier<Future<T>> work) {
    if (here()) {
      return call(work);
    }
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call(work).onComplete(done));
    return done.future();
  }

  /** {@code f}, completed on the core: callbacks added to the result run there. */
  <T> Future<T> hop(Future<T> f) {
    if (f.isComplete() && here()) {
      return f;
    }
    Promise<T> done = Promise.promise();
    f.onComplete(ar -> {
      if (here()) {
        done.handle(ar);
      } else {
        context.runOnContext(v -> done.handle(ar));
      }
    });
    return done.future();
  }

  /**
   * Work for an embedder: run on the core, answered on the caller's context (as an event-bus reply
   * would be), so its callbacks never run on the core's thread by surprise. A caller on the core's
   * thread, or on no Vert.x context at all, gets the future as it completes.
   */
  <T> Future<T> forCaller(Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    if (caller == null || here()) {
      return run(work);
    }
    Promise<T> done = Promise.promise();
    run(work).onComplete(ar -> caller.runOnContext(v -> done.handle(ar)));
    return done.future();
  }

  private static <T> Future<T> call(Supplier<Future<T>> work) {
    try {
      Future<T> f = work.get();
      return f != null ? f : Future.failedFuture(new IllegalStateException("work returned no future"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
