package io.nrivertx.runtime.impl;

import io.vertx.core.Context;
import java.time.Instant;

/** Real time, with the timers of the core's Vert.x; actions run on the core's context. */
final class VertxClock implements RuntimeClock {
  private final Context context;

  VertxClock(Context context) {
    this.context = context;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long setTimer(long delayMillis, Runnable action) {
    // Timers fire rarely (they are timeouts, mostly cancelled): one more hop is cheaper than reasoning.
    return context.owner().setTimer(Math.max(1, delayMillis), id -> context.runOnContext(v -> action.run()));
  }

  @Override
  public void cancelTimer(long id) {
    context.owner().cancelTimer(id);
  }
}
