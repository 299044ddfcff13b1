package io.nrivertx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The percentiles must be computed as benchrunner (Go) computes them: nearest rank. */
class LatenciesTest {

  @Test
  void nearestRankPercentilesAndMean() {
    Latencies lat = new Latencies(1000);
    for (int i = 1000; i >= 1; i--) {
      lat.add(i * 1000L); // 1..1000 µs, out of order
    }
    JsonObject j = lat.toJson();
    assertEquals(500.0, j.getDouble("p50Us"));
    assertEquals(900.0, j.getDouble("p90Us"));
    assertEquals(990.0, j.getDouble("p99Us"));
    assertEquals(999.0, j.getDouble("p999Us"));
    assertEquals(1000.0, j.getDouble("maxUs"));
    assertEquals(500.5, j.getDouble("meanUs"));
    assertEquals(1000, j.getInteger("events"));
  }

  @Test
  void rankOfFewSamples() {
    assertEquals(7, Latencies.rank(new long[] {7}, 999));
    assertEquals(1, Latencies.rank(new long[] {1, 2, 3}, 10));
    assertEquals(2, Latencies.rank(new long[] {1, 2, 3}, 500));
    assertEquals(3, Latencies.rank(new long[] {1, 2, 3}, 990));
    assertEquals(3, Latencies.rank(new long[] {1, 2, 3}, 999));
  }
}
