package io.nrivertx.relay;

import java.time.Instant;

/**
 * Where the relay stands with the runtime, for /readyz: {@code state} is "connecting" (never
 * registered yet), "registered" (Configure answered, Synchronize not yet), "synchronized", or
 * "reconnecting" (the connection was lost); {@code since} is when it entered that state;
 * {@code sessions} counts the registrations so far.
 */
public record UpstreamState(String state, Instant since, int sessions) {
  public static final String CONNECTING = "connecting";
  public static final String REGISTERED = "registered";
  public static final String SYNCHRONIZED = "synchronized";
  public static final String RECONNECTING = "reconnecting";

  /** Registered with the runtime (whether or not it synchronized the relay yet). */
  public boolean isConnected() {
    return REGISTERED.equals(state) || SYNCHRONIZED.equals(state);
  }
}
