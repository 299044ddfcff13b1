package io.nrivertx.ops.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CallSpanTest {
  private static final String IDS = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-";

  @Test
  void onlyTheSampledFlagGoesToPlugins() {
    assertEquals(IDS + "01", CallSpan.sampledFlagOnly(IDS + "03"), "sampled + random");
    assertEquals(IDS + "00", CallSpan.sampledFlagOnly(IDS + "02"), "random only");
    assertEquals(IDS + "01", CallSpan.sampledFlagOnly(IDS + "01"));
    assertEquals(IDS + "00", CallSpan.sampledFlagOnly(IDS + "00"));
  }
}
