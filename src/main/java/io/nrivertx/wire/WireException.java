package io.nrivertx.wire;

import io.netty.handler.codec.DecoderException;

/**
 * A violation of the mux or ttrpc framing, or a peer that would hold more inbound bytes than it may.
 * Always fatal for the whole trunk connection: after it, the byte stream can no longer be trusted to
 * be aligned on frame boundaries (or the peer is not given the memory it asked for).
 */
public final class WireException extends DecoderException {

  /** What the peer did wrong. */
  public enum Kind {
    /** Bytes that are not NRI's mux or ttrpc. */
    FRAMING,
    /** Over an inbound buffer limit ({@link InboundLimits}). */
    BUDGET
  }

  private final Kind kind;

  public WireException(String message) {
    this(Kind.FRAMING, message);
  }

  public WireException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
