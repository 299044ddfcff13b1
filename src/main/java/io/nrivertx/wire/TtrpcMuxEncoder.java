package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link TtrpcOutbound} as its 10-byte ttrpc header plus body in mux frames laid out as
 * a Go peer writes them: a message of up to 4096 bytes in one frame; a larger one as a first frame
 * of exactly 4096 bytes (header and the start of the body) and a second frame with the rest. Both
 * frames go out in one buffer (one write), and a frame never holds bytes of two messages.
 *
 * <p>Why this shape (docs/protocol.md, "Trunk and multiplexer"): Go reads headers through a 4096-byte buffer, so a frame
 * with a header must fit in it; and Go queues at most 256 frames per connection, so a 4 MiB
 * message must not become a thousand frames.
 *
 * <p>Thread-safety: stateless; still, add one instance per channel.
 */
public final class TtrpcMuxEncoder extends MessageToByteEncoder<TtrpcOutbound> {

  public TtrpcMuxEncoder() {
    super(TtrpcOutbound.class);
  }

  /** Number of bytes {@link #encode} writes for a body of {@code dataLength} bytes. */
  public static int encodedLength(int dataLength) {
    int logical = WireLimits.TTRPC_HEADER_LENGTH + dataLength;
    int frames = logical > WireLimits.MAX_OUT_FRAME_PAYLOAD ? 2 : 1;
    return logical + frames * WireLimits.MUX_HEADER_LENGTH;
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, TtrpcOutbound msg, boolean direct) {
    int size = encodedLength(msg.data().length);
    return direct ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, TtrpcOutbound msg, ByteBuf out) {
    byte[] data = msg.data();
    if (data.length > WireLimits.MAX_TTRPC_MESSAGE) {
      // Callers refuse such messages with ResourceExhausted before writing; this is a bug guard.
      throw new EncoderException("ttrpc message of " + data.length
          + " bytes exceeds the maximum of " + WireLimits.MAX_TTRPC_MESSAGE);
    }
    int logical = WireLimits.TTRPC_HEADER_LENGTH + data.length;
    int first = Math.min(logical, WireLimits.MAX_OUT_FRAME_PAYLOAD);
    int inFirst = first - WireLimits.TTRPC_HEADER_LENGTH;
    out.writeInt(msg.connId()).writeInt(first);
    out.writeInt(data.length).writeInt(msg.streamId()).writeByte(msg.type()).writeByte(msg.flags());
    out.writeBytes(data, 0, inFirst);
    if (logical > first) {
      out.writeInt(msg.connId()).writeInt(logical - first);
      out.writeBytes(data, inFirst, data.length - inFirst);
    }
  }
}
