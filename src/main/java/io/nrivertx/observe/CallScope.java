package io.nrivertx.observe;

import java.util.Map;

/** One plugin call as an observer follows it; called on the core's context. */
public interface CallScope {
  CallScope NONE = new CallScope() {
  };

  /**
   * Key/value pairs to send with this call, as entries of the ttrpc Request's metadata (for
   * tracing: W3C {@code traceparent} and {@code tracestate}). Asked once, right before the call
   * is sent; in-process plugins receive none.
   */
  default Map<String, String> requestMetadata() {
    return Map.of();
  }

  /** The call ended (or was not made, see {@link PluginCallEnd#outcome()}). Called once. */
  default void pluginCallEnded(PluginCallEnd end) {
  }
}
