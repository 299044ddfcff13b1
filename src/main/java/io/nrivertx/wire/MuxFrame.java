package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * One frame of the NRI multiplexer: a chunk of the byte stream of one logical connection.
 *
 * @param connId the logical connection (unsigned 32 bit on the wire; never 0)
 * @param payload the chunk; this frame owns it, release the frame when done
 */
public record MuxFrame(int connId, ByteBuf payload) implements BufferHolder {

  public MuxFrame {
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public ByteBuf content() {
    return payload;
  }
}
