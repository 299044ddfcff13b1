package io.nrivertx.ops.logging.impl;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The one appender (stderr) and its two encoders. Text: time, level, component, message, and a
 * failure's causes on the same line. JSON: Logback's own encoder, one object per line.
 */
public final class Appenders {
  /** ISO-8601 local time with milliseconds and offset, then level, component and message. */
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %component: %msg%oneLineEx%n";

  private Appenders() {
  }

  public static ConsoleAppender<ILoggingEvent> stderr(LoggerContext ctx, boolean json) {
    ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
    out.setContext(ctx);
    out.setName("stderr");
    out.setTarget("System.err");
    out.setEncoder(json ? json(ctx) : text(ctx));
    out.start();
    return out;
  }

  private static Encoder<ILoggingEvent> text(LoggerContext ctx) {
    // After every reset: the context forgets its objects, these rules among them.
    ctx.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, PatternRules.registry());
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern(TEXT_PATTERN);
    enc.start();
    return enc;
  }

  private static Encoder<ILoggingEvent> json(LoggerContext ctx) {
    ComponentJsonEncoder enc = new ComponentJsonEncoder();
    enc.setContext(ctx);
    enc.start();
    return enc;
  }

  /**
   * java.util.logging into SLF4J, with JUL's levels kept in step with Logback's so that a
   * disabled JUL record costs nothing (LevelChangePropagator).
   */
  public static void julBridge(LoggerContext ctx) {
    LevelChangePropagator levels = new LevelChangePropagator();
    levels.setContext(ctx);
    levels.setResetJUL(true);
    levels.start();
    ctx.addListener(levels);
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
