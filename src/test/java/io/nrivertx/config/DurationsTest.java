package io.nrivertx.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
      "0, 0",
      "0s, 0",
      "-0, 0",
      "5s, 5000000000",
      "2s, 2000000000",
      "1500ms, 1500000000",
      "1m, 60000000000",
      "1m30s, 90000000000",
      "1h2m3s4ms5us6ns, 3723004005006",
      "1.5s, 1500000000",
      ".5s, 500000000",
      "1.s, 1000000000",
      "2.25h, 8100000000000",
      "10us, 10000",
      "10\u00b5s, 10000",
      "10\u03bcs, 10000",
      "7ns, 7",
      "+3s, 3000000000",
      "-1m, -60000000000",
      "1.0000000001s, 1000000000",
      "9223372036854775807ns, 9223372036854775807",
  })
  void parsesLikeGo(String text, long nanos) {
    assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "''|empty duration",
      "5|missing unit",
      "1m30|missing unit",
      "s|invalid duration",
      "-|invalid duration",
      ".s|invalid duration",
      "1..5s|invalid duration",
      "5 s|unknown unit \" s\"",
      "5sec|unknown unit \"sec\"",
      "1d|unknown unit \"d\"",
      "5S|unknown unit \"S\"",
      "9223372036854775808ns|out of range",
      "3000000h|out of range",
  })
  void refusesWhatGoRefuses(String text, String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @CsvSource({
      "0, 0s",
      "7, 7ns",
      "1500, 1.5us",
      "250000000, 250ms",
      "1500000000, 1.5s",
      "90000000000, 1m30s",
      "3600000000000, 1h0m0s",
      "-2000000000, -2s",
  })
  void formatsLikeGo(long nanos, String text) {
    assertEquals(text, Durations.format(Duration.ofNanos(nanos)));
    assertEquals(Duration.ofNanos(nanos), Durations.parse(text));
  }
}
