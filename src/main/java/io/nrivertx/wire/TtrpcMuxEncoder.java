package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link TtrpcOutbound} as its 10-byte ttrpc header plus body, cut into mux frames of at
 * most {@link WireLimits#MAX_OUT_FRAME_PAYLOAD} payload bytes, all in one buffer (one write).
 *
 * <p>The cap keeps every frame within the 4096-byte read buffer of a Go peer, and each frame holds
 * bytes of exactly one ttrpc message (nri-facts §0.1).
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
    int frames = (logical + WireLimits.MAX_OUT_FRAME_PAYLOAD - 1) / WireLimits.MAX_OUT_FRAME_PAYLOAD;
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
    int dataOffset = 0;
    for (int frameStart = 0; frameStart < logical; ) {
      int frameLength = Math.min(WireLimits.MAX_OUT_FRAME_PAYLOAD, logical - frameStart);
      out.writeInt(msg.connId()).writeInt(frameLength);
      int dataBytes = frameLength;
      if (frameStart == 0) {
        // MAX_OUT_FRAME_PAYLOAD > header length, so the header always sits whole in frame one.
        out.writeInt(data.length).writeInt(msg.streamId()).writeByte(msg.type()).writeByte(msg.flags());
        dataBytes -= WireLimits.TTRPC_HEADER_LENGTH;
      }
      out.writeBytes(data, dataOffset, dataBytes);
      dataOffset += dataBytes;
      frameStart += frameLength;
    }
  }
}
