package io.nrivertx.runtime.impl;

import java.time.Duration;
import java.time.Instant;

/**
 * When an event's caller gives up, on the core's monotonic clock, and what that leaves each
 * plugin call: at most what remains minus the margin (time for the answer to travel back and for
 * the steps after the plugins). An event without a deadline has only the plugins' own timeouts.
 *
 * @param atNanos the deadline on {@link RuntimeClock#nanoTime()}; {@link Long#MAX_VALUE}: none
 */
record Deadline(long atNanos, long marginNanos) {
  static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);

  /** The earlier of an instant and a timeout counted from now; either may be null. */
  static Deadline of(Instant at, Duration timeout, Duration margin, RuntimeClock clock) {
    if (at == null && timeout == null) {
      return NONE;
    }
    long now = clock.nanoTime();
    long byTimeout = timeout == null ? Long.MAX_VALUE : saturatedAdd(now, timeout.toNanos());
    long byInstant = at == null ? Long.MAX_VALUE
        : saturatedAdd(now, Duration.between(clock.now(), at).toNanos());
    return new Deadline(Math.min(byTimeout, byInstant), margin.toNanos());
  }

  boolean isSet() {
    return atNanos != Long.MAX_VALUE;
  }

  /** Nanoseconds a plugin call may still use (negative when none). */
  long leftForCalls(long now) {
    return isSet() ? atNanos - now - marginNanos : Long.MAX_VALUE;
  }

  /** When the event must have answered: half the margin before the deadline, the rest is for the answer. */
  long answerBy() {
    return atNanos - marginNanos / 2;
  }

  /**
   * The timeout of one plugin call: its own, or less when the deadline leaves less.
   *
   * @return null when not even a millisecond is left
   */
  Budget budget(Duration own, long now) {
    long ownMillis = Math.max(1, own.toMillis());
    long left = leftForCalls(now);
    if (left == Long.MAX_VALUE || left >= ownMillis * 1_000_000) {
      return new Budget(ownMillis, false);
    }
    long leftMillis = left / 1_000_000;
    return leftMillis < 1 ? null : new Budget(leftMillis, true);
  }

  /** A call's timeout, and whether the deadline cut it below the plugin's own. */
  record Budget(long timeoutMillis, boolean cut) {
  }

  /** {@code now + nanos}, kept below "none" when a far-away deadline would overflow. */
  private static long saturatedAdd(long now, long nanos) {
    long r = now + nanos;
    return nanos > 0 && r < now ? Long.MAX_VALUE - 1 : Math.min(r, Long.MAX_VALUE - 1);
  }
}
