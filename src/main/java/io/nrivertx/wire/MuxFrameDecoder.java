package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the trunk byte stream into {@link MuxFrame}s: 8-byte big-endian header (conn id, payload
 * length), then the payload.
 *
 * <p>Unlike the Go reader, the announced length is checked as soon as the header is complete,
 * before any byte of the payload is buffered: against {@link WireLimits#MAX_MUX_FRAME} and against
 * the trunk's {@link InboundLimits} (what one logical connection and all peers together may hold),
 * so a peer cannot make us reserve gigabytes. After the first {@link WireException} all further
 * input is discarded.
 *
 * <p>Thread-safety: one instance per channel, used only on its event loop.
 */
public final class MuxFrameDecoder extends ByteToMessageDecoder {

  private final InboundLimits limits;
  private boolean failed;
  private boolean admitted; // the frame at the reader index was checked (and reserved if partial)

  public MuxFrameDecoder() {
    this(InboundLimits.unlimited());
  }

  public MuxFrameDecoder(InboundLimits limits) {
    this.limits = limits;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < WireLimits.MUX_HEADER_LENGTH) {
      return;
    }
    int start = in.readerIndex();
    long connId = in.getUnsignedInt(start);
    long length = in.getUnsignedInt(start + 4);
    if (connId == 0) {
      throw fail("mux frame for reserved conn id 0 (payload length " + length + ")");
    }
    if (length > WireLimits.MAX_MUX_FRAME) {
      throw fail("mux frame on conn " + connId + " announces " + length
          + " bytes, more than the limit of " + WireLimits.MAX_MUX_FRAME);
    }
    boolean complete = in.readableBytes() >= WireLimits.MUX_HEADER_LENGTH + length;
    if (!admitted) {
      try {
        limits.admitFrame(connId, length, !complete);
      } catch (WireException e) {
        failed = true;
        throw e;
      }
      admitted = true;
    }
    if (!complete) {
      return;
    }
    admitted = false;
    limits.frameDone();
    in.skipBytes(WireLimits.MUX_HEADER_LENGTH);
    ByteBuf payload = length == 0 ? Unpooled.EMPTY_BUFFER : in.readRetainedSlice((int) length);
    out.add(new MuxFrame((int) connId, payload));
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    limits.frameDone(); // a frame cut short by the close
  }

  private WireException fail(String message) {
    failed = true;
    return new WireException(message);
  }
}
