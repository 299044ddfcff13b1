package io.nrivertx.cri.impl;

import java.time.Instant;

/** CRI timestamps: nanoseconds since the epoch. */
final class Clock {
  private Clock() {
  }

  static long nanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
