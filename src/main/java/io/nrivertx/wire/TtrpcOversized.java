package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A ttrpc message whose header announced more than {@link WireLimits#MAX_TTRPC_MESSAGE} bytes. Its
 * body was skipped, not stored. The stream fails with ResourceExhausted; the connection survives.
 *
 * @param streamId the stream id from the header
 * @param type the message type from the header
 * @param length the announced body length (unsigned 32 bit)
 */
public record TtrpcOversized(int streamId, byte type, long length) implements TtrpcMessage {

  /** Holds no memory; reference counting is a no-op. */
  @Override
  public ByteBuf content() {
    return Unpooled.EMPTY_BUFFER;
  }
}
