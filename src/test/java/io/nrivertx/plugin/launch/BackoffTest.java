package io.nrivertx.plugin.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToAMinuteAndStartsOverAfterALongRun() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMinutes(1));
    assertEquals(Duration.ofMillis(100), b.next(null));
    assertEquals(Duration.ofMillis(200), b.next(Duration.ofMillis(5)));
    assertEquals(Duration.ofMillis(400), b.next(Duration.ofMillis(5)));
    for (int i = 0; i < 30; i++) {
      b.next(Duration.ZERO);
    }
    assertEquals(Duration.ofMinutes(1), b.next(Duration.ZERO), "capped, and no overflow after many failures");
    assertEquals(Duration.ofMillis(100), b.next(Duration.ofMinutes(2)), "a long run resets the count");
    assertEquals(1, b.failuresInARow());
  }

  @Test
  void aBackoffLongerThanTheCapIsKept() {
    Backoff b = new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(1));
    assertEquals(Duration.ofMinutes(5), b.next(null));
    assertEquals(Duration.ofMinutes(5), b.next(Duration.ZERO));
  }

  @Test
  void theCapIsTheConfiguredOne() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(300));
    assertEquals(Duration.ofMillis(100), b.next(null));
    assertEquals(Duration.ofMillis(200), b.next(Duration.ZERO));
    assertEquals(Duration.ofMillis(300), b.next(Duration.ZERO), "capped at the option");
    assertEquals(Duration.ofMillis(300), b.next(Duration.ZERO));
    assertEquals(Duration.ofMillis(100), b.next(Duration.ofMillis(400)), "a run longer than the cap starts over");
  }
}
