package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes a {@link TtrpcOutbound} or {@link TtrpcBufOutbound} as its 10-byte ttrpc header plus body
 * in mux frames laid out as a Go peer writes them: a message of up to 4096 bytes in one frame; a
 * larger one as a first frame of exactly 4096 bytes (header and the start of the body) and a
 * second frame with the rest. Both frames go out in one buffer (one write), and a frame never
 * holds bytes of two messages.
 *
 * <p>A {@link TtrpcOutbound}'s array is copied into the written buffer. A {@link TtrpcBufOutbound}'s
 * body is not: the written buffer is a composite of the headers and slices of the body, so bytes
 * serialized once for several connections are written from the same memory to each.
 *
 * <p>Why this shape (docs/protocol.md, "Trunk and multiplexer"): Go reads headers through a 4096-byte buffer, so a frame
 * with a header must fit in it; and Go queues at most 256 frames per connection, so a 4 MiB
 * message must not become a thousand frames.
 *
 * <p>Thread-safety: stateless; still, add one instance per channel.
 */
public final class TtrpcMuxEncoder extends MessageToMessageEncoder<Object> {

  public TtrpcMuxEncoder() {
    super(Object.class);
  }

  /** Number of bytes {@link #encode} writes for a body of {@code dataLength} bytes. */
  public static int encodedLength(int dataLength) {
    int logical = WireLimits.TTRPC_HEADER_LENGTH + dataLength;
    int frames = logical > WireLimits.MAX_OUT_FRAME_PAYLOAD ? 2 : 1;
    return logical + frames * WireLimits.MUX_HEADER_LENGTH;
  }

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof TtrpcOutbound || msg instanceof TtrpcBufOutbound;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
    if (msg instanceof TtrpcOutbound m) {
      out.add(copied(ctx, m));
    } else {
      out.add(sliced(ctx, (TtrpcBufOutbound) msg));
    }
  }

  private static ByteBuf copied(ChannelHandlerContext ctx, TtrpcOutbound msg) {
    byte[] data = msg.data();
    checkLength(data.length);
    ByteBuf out = ctx.alloc().ioBuffer(encodedLength(data.length));
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
    return out;
  }

  /** Headers, then the body's own bytes; the caller (MessageToMessageEncoder) releases {@code msg}. */
  private static ByteBuf sliced(ChannelHandlerContext ctx, TtrpcBufOutbound msg) {
    ByteBuf body = msg.content();
    int length = body.readableBytes();
    checkLength(length);
    int logical = WireLimits.TTRPC_HEADER_LENGTH + length;
    int first = Math.min(logical, WireLimits.MAX_OUT_FRAME_PAYLOAD);
    int inFirst = first - WireLimits.TTRPC_HEADER_LENGTH;
    CompositeByteBuf out = ctx.alloc().compositeDirectBuffer(4);
    try {
      out.addComponent(true, ctx.alloc().directBuffer(WireLimits.MUX_HEADER_LENGTH + WireLimits.TTRPC_HEADER_LENGTH)
          .writeInt(msg.connId()).writeInt(first)
          .writeInt(length).writeInt(msg.streamId()).writeByte(msg.type()).writeByte(msg.flags()));
      if (inFirst > 0) {
        out.addComponent(true, body.retainedSlice(body.readerIndex(), inFirst));
      }
      if (logical > first) {
        out.addComponent(true, ctx.alloc().directBuffer(WireLimits.MUX_HEADER_LENGTH)
            .writeInt(msg.connId()).writeInt(logical - first));
        out.addComponent(true, body.retainedSlice(body.readerIndex() + inFirst, length - inFirst));
      }
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  private static void checkLength(int length) {
    if (length > WireLimits.MAX_TTRPC_MESSAGE) {
      // Callers refuse such messages with ResourceExhausted before writing; this is a bug guard.
      throw new EncoderException("ttrpc message of " + length
          + " bytes exceeds the maximum of " + WireLimits.MAX_TTRPC_MESSAGE);
    }
  }
}
