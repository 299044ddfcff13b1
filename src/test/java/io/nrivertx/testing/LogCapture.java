package io.nrivertx.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Collects the messages (formatted) logged under one logger name and its children while open,
 * e.g. the output of launched plugins under {@code io.nrivertx.plugin.output}. System.Logger
 * and java.util.logging both end up in Logback (io.nrivertx.ops.logging), where this listens.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
      messages.add(event.getFormattedMessage());
    }
  };

  public LogCapture(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  /** Every record seen so far, with level and logger name. */
  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** Waits for a message matching {@code match}; fails with everything seen after {@code timeout}. */
  public String await(Predicate<String> match, Duration timeout) {
    return Waiting.until(() -> List.copyOf(messages).stream().filter(match).findFirst().orElse(null),
        java.util.Objects::nonNull, timeout,
        none -> "no matching log message within " + timeout + "; got:\n" + String.join("\n", messages));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
