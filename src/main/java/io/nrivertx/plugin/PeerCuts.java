package io.nrivertx.plugin;

import java.util.Map;

/**
 * Peers cut before they registered, and the log lines held back about them, for metrics. One per
 * runtime instance ({@code NriRuntime.peerCuts()}).
 *
 * <p>Thread-safety: readable from any thread; the figures only grow.
 */
public interface PeerCuts {
  /** Reasons, as logged: see {@link CutPeerLog}. */
  String PROTOCOL_ERROR = "protocol error";
  String OVER_LIMIT = "over the inbound limit";
  String IO_ERROR = "I/O error";
  String HUNG_UP = "closed before registering";
  String REGISTRATION_TIMEOUT = "registration timed out";
  String INVALID_IDENTITY = "invalid plugin name or index";
  String UID_REFUSED = "uid not allowed";

  /** Nothing cut: a runtime without a socket. */
  PeerCuts NONE = new PeerCuts() {
    @Override
    public Map<String, Long> byReason() {
      return Map.of();
    }

    @Override
    public long suppressedLines() {
      return 0;
    }
  };

  /** Peers cut so far, by reason. */
  Map<String, Long> byReason();

  /** Log lines about cut peers not written because their reason was over its rate. */
  long suppressedLines();
}
