package io.nrivertx.ops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.nrivertx.ops.LoggingOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** On a private LoggerContext: the process's own logging stays as it is. */
class LogSetupTest {
  private final LoggerContext ctx = new LoggerContext();

  private String encode(String logger, Level level, String message, Throwable t) {
    ch.qos.logback.classic.Logger l = ctx.getLogger(logger);
    LoggingEvent e = new LoggingEvent(LogSetupTest.class.getName(), l, level, message, t, null);
    ConsoleAppender<ILoggingEvent> out = (ConsoleAppender<ILoggingEvent>) ctx.getLogger("ROOT").getAppender("stderr");
    return new String(out.getEncoder().encode(e), StandardCharsets.UTF_8);
  }

  @Test
  void textIsOneLineWithTimeLevelComponentMessageAndCauses() {
    LogSetup.configure(ctx, new LoggingOptions());
    String line = encode("io.nrivertx.plugin.PluginListener", Level.WARN, "plugin 10-a (pid 7) dropped",
        new IllegalStateException("two\nlines", new IOException("eof")));
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN  plugin: "
        + "plugin 10-a \\(pid 7\\) dropped \\(java.lang.IllegalStateException: two lines; caused by "
        + "java.io.IOException: eof\\)\\n"), line);
  }

  @Test
  void jsonIsOneObjectPerLineWithComponentAndStackTrace() {
    LogSetup.configure(ctx, new LoggingOptions().setFormat("json"));
    String line = encode("io.nrivertx.runtime.RuntimeCore", Level.ERROR, "boom", new IllegalStateException("x"));
    assertTrue(line.endsWith("\n"));
    assertEquals(-1, line.substring(0, line.length() - 1).indexOf('\n'), line);
    JsonObject json = new JsonObject(line);
    assertEquals("ERROR", json.getString("level"));
    assertEquals("boom", json.getString("formattedMessage"));
    assertEquals("io.nrivertx.runtime.RuntimeCore", json.getString("loggerName"));
    assertEquals("runtime", json.getJsonArray("kvpList").getJsonObject(0).getString("component"));
    assertEquals("java.lang.IllegalStateException", json.getJsonObject("throwable").getString("className"));
    assertFalse(json.containsKey("context"), "no logger-context noise on every line");
  }

  @Test
  void levelAppliesToNriVertxAndLibrariesStayAtInfoUnderDebug() {
    LogSetup.configure(ctx, new LoggingOptions().setLevel("debug"));
    assertTrue(ctx.getLogger("io.nrivertx.plugin.X").isDebugEnabled());
    assertFalse(ctx.getLogger("io.netty.buffer.X").isDebugEnabled());
    assertTrue(ctx.getLogger("io.netty.buffer.X").isInfoEnabled());
    LogSetup.configure(ctx, new LoggingOptions().setLevel("trace"));
    assertTrue(ctx.getLogger("io.netty.buffer.X").isTraceEnabled());
    LogSetup.configure(ctx, new LoggingOptions().setLevel("warn"));
    assertFalse(ctx.getLogger("io.nrivertx.plugin.X").isInfoEnabled());
    assertFalse(ctx.getLogger("io.vertx.core.X").isInfoEnabled());
    assertTrue(ctx.getLogger("io.vertx.core.X").isWarnEnabled());
  }

  @Test
  void systemLoggerAndJulReachLogback() {
    // The process-wide setup that the test JVM got from DefaultConfigurator (META-INF/services).
    LoggerContext processCtx = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    ch.qos.logback.core.AppenderBase<ILoggingEvent> capture = new ch.qos.logback.core.AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        seen.add(e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage());
      }
    };
    capture.setContext(processCtx);
    capture.start();
    ch.qos.logback.classic.Logger target = processCtx.getLogger("io.nrivertx.logtest");
    target.addAppender(capture);
    try {
      System.getLogger("io.nrivertx.logtest.A").log(System.Logger.Level.INFO, "plugin {0} registered", "10-a");
      java.util.logging.Logger.getLogger("io.nrivertx.logtest.B").warning("from jul");
      assertEquals(java.util.List.of("io.nrivertx.logtest.A INFO plugin 10-a registered",
          "io.nrivertx.logtest.B WARN from jul"), seen);
    } finally {
      target.detachAppender(capture);
    }
  }
}
