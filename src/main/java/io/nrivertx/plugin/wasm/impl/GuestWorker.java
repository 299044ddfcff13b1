package io.nrivertx.plugin.wasm.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread a WASM plugin's guest code runs on: calls are queued and run one at a time (an
 * instance is not re-entrant), never on an event loop. A call still running at its deadline is
 * interrupted: Chicory's interpreter and compiled code check the thread's interrupt flag on loops
 * and calls and throw, so even a guest spinning forever is stopped. Results complete on the
 * caller's context.
 */
public final class GuestWorker {
  /** Deep guest call chains recurse on the Java stack with the compiler; give them room. */
  private static final long STACK_BYTES = 16L << 20;

  private final Context ctx;
  private final ThreadPoolExecutor thread;

  public GuestWorker(Context ctx, String plugin) {
    this.ctx = ctx;
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(null, r, "nri-wasm-" + plugin, STACK_BYTES);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code task} on the guest thread; fails with a TIMEOUT {@link GuestException} when it has
   * not finished {@code timeoutMillis} after this call (0: no deadline).
   */
  public <T> Future<T> run(Callable<T> task, long timeoutMillis) {
    Promise<T> result = Promise.promise();
    FutureTask<T> job = new FutureTask<>(task) {
      @Override
      protected void done() {
        if (isCancelled()) {
          return; // the timer already answered
        }
        try {
          T value = get();
          ctx.runOnContext(v -> result.tryComplete(value));
        } catch (ExecutionException e) {
          ctx.runOnContext(v -> result.tryFail(e.getCause()));
        } catch (InterruptedException | CancellationException e) {
          ctx.runOnContext(v -> result.tryFail(e));
        }
      }
    };
    try {
      thread.execute(job);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return Future.failedFuture(new GuestException(GuestException.Kind.TRAP, "the plugin's instance is closed"));
    }
    if (timeoutMillis > 0) {
      long timer = ctx.owner().setTimer(timeoutMillis, t -> ctx.runOnContext(v -> {
        if (!job.isDone()) {
          job.cancel(true);
          result.tryFail(new GuestException(GuestException.Kind.TIMEOUT, "no reply within " + timeoutMillis + " ms"));
        }
      }));
      result.future().onComplete(ar -> ctx.owner().cancelTimer(timer));
    }
    return result.future();
  }

  /** Stops the thread: queued calls are dropped and a running one is interrupted. */
  public void close() {
    thread.shutdownNow();
  }
}
