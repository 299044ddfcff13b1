package io.nrivertx.relay.impl;

import java.time.Duration;

/**
 * The time one upstream event may take in the relay: the runtime's request timeout (as it
 * announced it in Configure, else the configured one) minus the margin the relay keeps for
 * itself and the trip back, counted from the moment the event arrived. A deadline in
 * {@link System#nanoTime()} terms.
 */
record Budget(long deadlineNanos, long marginNanos) {
  /** At least this much is left for the plugins even with a margin as large as the timeout. */
  private static final long MIN_NANOS = Duration.ofMillis(50).toNanos();

  static Budget startingNow(Duration requestTimeout, Duration margin) {
    long usable = Math.max(MIN_NANOS, requestTimeout.toNanos() - margin.toNanos());
    return new Budget(System.nanoTime() + usable, margin.toNanos());
  }

  /** What is left for the downstream runtime, at least a millisecond. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
  }

  /**
   * When the relay answers by itself if the downstream runtime has not (it answers by the
   * deadline): half the margin after it, still half the margin before the runtime's own.
   */
  long lastResortMillis() {
    return Math.max(1, (deadlineNanos + marginNanos / 2 - System.nanoTime()) / 1_000_000);
  }
}
