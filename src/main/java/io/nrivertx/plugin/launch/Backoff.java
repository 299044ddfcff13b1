package io.nrivertx.plugin.launch;

import java.time.Duration;

/**
 * Delays between restarts of a failing plugin: the configured backoff, doubled with each failure
 * in a row and capped (by default at a minute, or at the backoff itself when that is longer), so a plugin that
 * crashes at once does not spin. A run that lasted longer than the cap starts the count over: that
 * failure is news, not the next turn of a crash loop. Not thread-safe; owned by one plugin.
 */
final class Backoff {
  private final Duration base;
  private final Duration cap;
  private int failuresInARow;

  Backoff(Duration base, Duration max) {
    this.base = base;
    this.cap = base.compareTo(max) > 0 ? base : max;
  }

  /** Counts a failure of a run that lasted {@code ran} (null: it never started) and returns the delay. */
  Duration next(Duration ran) {
    if (ran != null && ran.compareTo(cap) > 0) {
      failuresInARow = 0;
    }
    failuresInARow++;
    Duration delay = base.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  int failuresInARow() {
    return failuresInARow;
  }
}
