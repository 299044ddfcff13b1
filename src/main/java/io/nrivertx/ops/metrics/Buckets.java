package io.nrivertx.ops.metrics;

import java.time.Duration;

/**
 * Latency histogram buckets: Prometheus' default ones, which containerd's NRI latency histogram
 * uses (5 ms to 10 s), so that its dashboards' quantiles mean the same here.
 */
final class Buckets {
  static final Duration[] SECONDS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
      ms(2500), ms(5000), ms(10000)};

  private Buckets() {
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
