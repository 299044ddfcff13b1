package io.nrivertx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The percentiles must be computed as benchrunner (Go) computes them: nearest rank. */
class LatenciesTest {

  @Test
  void nearestRankPercentilesAndMean() {
    Latencies lat = new Latencies(100);
    for (int i = 100; i >= 1; i--) {
      lat.add(i * 1000L); // 1..100 µs, out of order
    }
    JsonObject j = lat.toJson();
    assertEquals(50.0, j.getDouble("p50Us"));
    assertEquals(90.0, j.getDouble("p90Us"));
    assertEquals(99.0, j.getDouble("p99Us"));
    assertEquals(100.0, j.getDouble("maxUs"));
    assertEquals(50.5, j.getDouble("meanUs"));
    assertEquals(100, j.getInteger("events"));
  }

  @Test
  void rankOfFewSamples() {
    assertEquals(7, Latencies.rank(new long[] {7}, 99));
    assertEquals(1, Latencies.rank(new long[] {1, 2, 3}, 1));
    assertEquals(2, Latencies.rank(new long[] {1, 2, 3}, 50));
    assertEquals(3, Latencies.rank(new long[] {1, 2, 3}, 99));
  }
}
