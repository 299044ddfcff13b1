package io.nrivertx.ops.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.nrivertx.ops.LoggingOptions;
import io.nrivertx.ops.logging.impl.Appenders;
import org.slf4j.LoggerFactory;

/**
 * Sets up logging for the nri-vertx process: every record, from nri-vertx's own
 * {@link System.Logger}s, java.util.logging, Vert.x and Netty, goes through SLF4J to Logback and
 * is written to stderr as one line, text or JSON (docs/logging.md). Logging is the one thing a
 * process has only once, so this is for the command line ({@code run}, {@code relay},
 * {@code scenario}); an embedding application keeps its own logging.
 */
public final class LogSetup {
  /** Set by an operator who brings a logback.xml of their own: then nothing here changes it. */
  public static final String OWN_CONFIG_PROPERTY = "logback.configurationFile";
  static final String OWN_LOGGERS = "io.nrivertx";

  private LogSetup() {
  }

  /** Reconfigures logging as {@code options} says; a no-op under an operator's own logback.xml. */
  public static void apply(LoggingOptions options) {
    if (System.getProperty(OWN_CONFIG_PROPERTY) != null
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    configure(ctx, options);
  }

  /** Also used for the defaults, before any configuration is read. */
  public static void configure(LoggerContext ctx, LoggingOptions options) {
    ctx.reset();
    Appenders.julBridge(ctx);
    Level own = Level.toLevel(options.getLevel().equals("warn") ? "WARN" : options.getLevel().toUpperCase(),
        Level.INFO);
    // Libraries stay at INFO when nri-vertx's own loggers are at DEBUG: their debug output is
    // noise to an operator. TRACE, or a quieter level, applies to everything.
    Level libraries = own.isGreaterOrEqual(Level.INFO) || own == Level.TRACE ? own : Level.INFO;
    ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(libraries);
    ctx.getLogger(OWN_LOGGERS).setLevel(own);
    root.addAppender(Appenders.stderr(ctx, options.getFormat().equals("json")));
  }
}
