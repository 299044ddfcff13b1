package io.nrivertx.stub.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.Event;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.Events;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.stub.impl.HandlerScan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples' Go-style flags and the logger's configuration, without any connection. */
class SampleCommandLineTest {

  private static GoFlags flags() {
    return new GoFlags("test").string("idx", "", "index").string("format", "yaml", "format").bool("verbose", "talk");
  }

  @Test
  void goFlagSpellings() {
    GoFlags f = flags().parse("-idx", "10", "--format=json", "-verbose");
    assertEquals("10", f.get("idx"));
    assertEquals("json", f.get("format"));
    assertTrue(f.isTrue("verbose"));
    GoFlags d = flags().parse("-verbose=false", "--");
    assertEquals("yaml", d.get("format"), "default");
    assertFalse(d.isTrue("verbose"));
  }

  @Test
  void badCommandLinesNameTheProblemAndShowUsage() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> flags().parse("-nope"));
    assertTrue(unknown.getMessage().startsWith("flag provided but not defined: -nope\nUsage of test:"),
        unknown.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> flags().parse("-idx")).getMessage()
        .startsWith("flag needs an argument: -idx"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> flags().parse("extra")).getMessage()
        .startsWith("unexpected argument: extra"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> flags().parse("-verbose=maybe")).getMessage()
        .startsWith("invalid boolean value"));
    GoFlags.HelpRequested help = assertThrows(GoFlags.HelpRequested.class, () -> flags().parse("-h"));
    assertTrue(help.getMessage().contains("  -format string\n    \tformat (default \"yaml\")"), help.getMessage());
  }

  @Test
  void loggerHandlesEveryEventSoItsDefaultIsAll() {
    assertEquals(EventMask.all(), HandlerScan.handledEvents(new LoggerPlugin(new LoggerConfig(), null)));
  }

  @Test
  void loggerDropInConfigOverlaysTheFlags() {
    LoggerConfig c = new LoggerConfig();
    c.events = List.of("pod");
    c.addEnv = "FROM_FLAG";
    c.apply("""
        logFile: /tmp/x.log
        events: [CreateContainer, StopContainer]
        setAnnotation: note
        """);
    assertEquals("/tmp/x.log", c.logFile);
    assertEquals("FROM_FLAG", c.addEnv, "keys the config lacks keep the flag's value");
    assertEquals("note", c.setAnnotation);
    assertEquals(Events.mask(Event.CREATE_CONTAINER, Event.STOP_CONTAINER), c.mask());
    c.apply("");
    assertEquals("note", c.setAnnotation, "an empty document changes nothing");
    assertThrows(IllegalArgumentException.class, () -> c.apply("format: xml"));
    assertThrows(IllegalArgumentException.class, () -> c.apply("- just a list"));
  }

  @Test
  void noEventsMeansEveryHandledEvent() {
    assertEquals(0, new LoggerConfig().mask().bits());
  }

  @Test
  void aBadEventNameIsACommandLineError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LoggerMain.start(null, new StubOptions().setEnvironment(Map.of()), "-idx", "30", "-events", "pods"));
    assertTrue(e.getMessage().startsWith("failed to parse events: unknown event \"pods\""), e.getMessage());
  }
}
