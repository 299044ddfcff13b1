package io.nrivertx.runtime.impl;

import java.time.Instant;

/**
 * The core's sense of time: a monotonic clock for budgets and latencies, the wall clock for
 * deadlines given as instants, and timers. Production uses Vert.x timers ({@link VertxClock});
 * unit tests a clock they advance by hand. Timer actions run on the core's context.
 */
interface RuntimeClock {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** The wall clock, to turn an {@link Instant} deadline into a monotonic one. */
  Instant now();

  /** Runs {@code action} on the core's context after {@code delayMillis} (at least 1); returns its id. */
  long setTimer(long delayMillis, Runnable action);

  /** Cancels a timer that has not fired; a no-op otherwise. */
  void cancelTimer(long id);
}
