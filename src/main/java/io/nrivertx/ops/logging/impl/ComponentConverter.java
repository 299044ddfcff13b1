package io.nrivertx.ops.logging.impl;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %component} in the text pattern: see {@link Components}. */
public final class ComponentConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Components.of(event.getLoggerName());
  }
}
