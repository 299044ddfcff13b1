package io.nrivertx.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the messages logged (java.util.logging, where System.Logger goes) under one logger
 * name while open, e.g. the output of launched plugins under {@code io.nrivertx.plugin.output}.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  public LogCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** Waits for a message matching {@code match}; fails with everything seen after {@code timeout}. */
  public String await(Predicate<String> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String m : messages) {
        if (match.test(m)) {
          return m;
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no matching log message within " + timeout + "; got:\n" + String.join("\n", messages));
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
