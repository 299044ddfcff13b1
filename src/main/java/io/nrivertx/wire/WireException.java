package io.nrivertx.wire;

import io.netty.handler.codec.DecoderException;

/**
 * A violation of the mux or ttrpc framing. Always fatal for the whole trunk connection: after it,
 * the byte stream can no longer be trusted to be aligned on frame boundaries.
 */
public final class WireException extends DecoderException {

  public WireException(String message) {
    super(message);
  }
}
