package io.nrivertx.bench;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * Latency samples of one case, summarised as benchrunner (Go) does: nearest-rank p50/p90/p99/p99.9,
 * max and mean, in microseconds. Not thread-safe: one driver chain records into it.
 */
final class Latencies {
  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    nanos = new long[capacity];
  }

  void add(long sampleNanos) {
    nanos[count++] = sampleNanos;
  }

  int count() {
    return count;
  }

  /** How many samples the case measures. */
  int capacity() {
    return nanos.length;
  }

  /** {@code p50Us, p90Us, p99Us, p999Us, maxUs, meanUs, events}. */
  JsonObject toJson() {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    long sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new JsonObject()
        .put("p50Us", micros(rank(sorted, 500)))
        .put("p90Us", micros(rank(sorted, 900)))
        .put("p99Us", micros(rank(sorted, 990)))
        .put("p999Us", micros(rank(sorted, 999)))
        .put("maxUs", micros(sorted[sorted.length - 1]))
        .put("meanUs", micros(sum / sorted.length))
        .put("events", count);
  }

  /** The smallest sample with at least {@code perMille}‰ of all samples at or below it. */
  static long rank(long[] sorted, int perMille) {
    int i = (int) (((long) perMille * sorted.length + 999) / 1000 - 1);
    return sorted[Math.max(0, i)];
  }

  private static double micros(long nanos) {
    return nanos / 1000.0;
  }
}
