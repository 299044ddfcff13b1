package io.nrivertx.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * What one trunk may hold in partly received data, shared by its mux and ttrpc decoders. Each
 * logical connection may hold one frame being read plus the start of the message it continues, at
 * most {@link #perConnection()} bytes: before registration only what a RegisterPlugin needs
 * ({@link #REGISTRATION}), afterwards one maximum message ({@link WireLimits#MAX_MUX_FRAME}, which a
 * Go peer never exceeds: it writes a message as a 4096-byte frame and one frame with the rest).
 * Frames being read also count against the runtime's shared {@link InboundBudget}.
 *
 * <p>Thread-safety: none; one instance per channel, used on its event loop.
 */
public final class InboundLimits {
  /**
   * Per logical connection before RegisterPlugin: a registration is a few hundred bytes (names,
   * index, version, ttrpc metadata); 16 KiB leaves room and keeps 300 silent peers under 5 MiB.
   */
  public static final int REGISTRATION = 16 << 10;

  private final InboundBudget shared;
  private int perConnection;
  private String phase;
  private final Map<Integer, Integer> messageBytes = new HashMap<>(4);
  private long frameReservation;

  /**
   * @param phase names the limit in errors, e.g. "before RegisterPlugin"
   */
  public InboundLimits(InboundBudget shared, int perConnection, String phase) {
    this.shared = shared;
    this.perConnection = perConnection;
    this.phase = phase;
  }

  /** One maximum message per logical connection and no shared limit: a plugin's end, tests. */
  public static InboundLimits unlimited() {
    return new InboundLimits(InboundBudget.unlimited(), WireLimits.MAX_MUX_FRAME, "per logical connection");
  }

  /** After registration: the full limit of one maximum message per logical connection. */
  public void raise(int perConnection, String phase) {
    this.perConnection = Math.max(this.perConnection, perConnection);
    this.phase = phase;
  }

  public int perConnection() {
    return perConnection;
  }

  /**
   * Checks a frame whose header announced {@code length} bytes for {@code connId}; when
   * {@code buffering} (its payload has not all arrived) it is also reserved against the shared
   * budget until {@link #frameDone}.
   *
   * @throws WireException of kind BUDGET naming the limit
   */
  void admitFrame(long connId, long length, boolean buffering) {
    long held = messageBytes.getOrDefault((int) connId, 0);
    if (held + length > perConnection) {
      throw new WireException(WireException.Kind.BUDGET, "mux frame on conn " + connId + " announces " + length
          + " bytes" + (held > 0 ? " on top of " + held + " bytes of a message in progress" : "") + ", more than the "
          + perConnection + " bytes a logical connection may hold " + phase);
    }
    if (buffering && frameReservation == 0 && length > 0) {
      if (!shared.tryReserve(length)) {
        throw new WireException(WireException.Kind.BUDGET, "mux frame on conn " + connId + " announces " + length
            + " bytes, but plugin connections already hold " + shared.used() + " of the runtime's inbound budget of "
            + shared.limit() + " bytes");
      }
      frameReservation = length;
    }
  }

  /** The frame being read is complete (or abandoned): its reservation ends. */
  void frameDone() {
    shared.release(frameReservation);
    frameReservation = 0;
  }

  /** A message in progress on {@code connId} now holds {@code delta} bytes more (or fewer). */
  void messageBytes(int connId, int delta) {
    messageBytes.merge(connId, delta, Integer::sum);
    shared.add(delta);
  }
}
