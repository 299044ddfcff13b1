package io.nrivertx.relay;

/**
 * What a {@link Relay} reports about its upstream side, for metrics (docs/operations.md, the
 * {@code <prefix>_relay_*} series). Called on the relay's Vert.x threads: do not block.
 */
public interface RelayObserver {
  RelayObserver NONE = new RelayObserver() {
  };

  /** Registered with the runtime (true), or the connection to it was lost (false). */
  default void upstreamConnected(boolean connected) {
  }

  /** Registered with the runtime again after losing it (every session after the first). */
  default void reconnected() {
  }

  /**
   * The relay answered one of the runtime's requests: {@code event} is its method (e.g.
   * "CreateContainer"), {@code outcome} "ok", "error" (the plugins behind the relay refused it) or
   * "rejected" (a validation the validators behind the relay rejected).
   */
  default void upstreamRequest(String event, String outcome) {
  }

  /** The runtime's deadline budget for {@code event} ran out before the plugins behind the relay answered. */
  default void budgetOverrun(String event) {
  }
}
