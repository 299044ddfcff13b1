package io.nrivertx.plugin;

import java.util.Map;

/**
 * How one plugin call is made.
 *
 * @param timeoutMillis how long the plugin has to answer (at least 1); a socket plugin also sends
 *     it as the ttrpc request's timeout
 * @param metadata entries for the ttrpc Request's metadata field (e.g. W3C trace context); plugins
 *     without a wire ignore them
 * @param encoding the event's shared request encoder, so one request sent to several plugins is
 *     serialized once; null: encode afresh
 */
public record CallOptions(long timeoutMillis, Map<String, String> metadata, RequestBytes encoding) {
  public CallOptions {
    if (timeoutMillis < 1) {
      throw new IllegalArgumentException("a plugin call needs a timeout of at least 1 ms, got " + timeoutMillis);
    }
    metadata = metadata == null ? Map.of() : metadata;
  }

  /** A call with this timeout, no metadata and no shared encoding. */
  public static CallOptions timeout(long timeoutMillis) {
    return new CallOptions(timeoutMillis, Map.of(), null);
  }
}
