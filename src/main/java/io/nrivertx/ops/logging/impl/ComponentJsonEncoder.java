package io.nrivertx.ops.logging.impl;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.slf4j.event.KeyValuePair;

/**
 * Logback's JSON encoder, one object per line, without the fields an operator never reads
 * (sequence number, logger context, the unformatted message and its arguments) and with the
 * record's {@code component} added as a key/value pair.
 */
final class ComponentJsonEncoder extends JsonEncoder {
  ComponentJsonEncoder() {
    setWithSequenceNumber(false);
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMDC(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    if (event instanceof LoggingEvent e && (e.getKeyValuePairs() == null || e.getKeyValuePairs().stream()
        .noneMatch(kv -> kv.key.equals("component")))) {
      e.addKeyValuePair(new KeyValuePair("component", Components.of(e.getLoggerName())));
    }
    return super.encode(event);
  }
}
