package io.nrivertx.ops.logging.impl;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %oneLineEx}: a failure attached to a record as {@code " (Type: message; caused by
 * Type: message)"} on the record's own line, so that every record stays one line for grep and
 * journald. The full stack trace is in the JSON format.
 */
public final class OneLineThrowableConverter extends ThrowableHandlingConverter {
  private static final int MAX_CAUSES = 5;

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy t = event.getThrowableProxy();
    if (t == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(" (");
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      out.append(depth == 0 ? "" : "; caused by ").append(t.getClassName());
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage().replace('\n', ' '));
      }
    }
    return out.append(')').toString();
  }
}
