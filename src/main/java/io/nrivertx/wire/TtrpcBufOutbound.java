package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A ttrpc message to send whose body is a buffer, framed by {@link TtrpcMuxEncoder} without
 * copying it: the written frames are the mux and ttrpc headers followed by slices of the body
 * itself, so one event's request, serialized once, can go to every plugin as the same memory.
 *
 * <p>It owns {@code body}: whoever writes it to a channel hands the reference over (the encoder,
 * or Netty on a closed channel, releases it).
 */
public final class TtrpcBufOutbound extends DefaultByteBufHolder {
  private final int connId;
  private final int streamId;
  private final byte type;
  private final byte flags;

  public TtrpcBufOutbound(int connId, int streamId, byte type, byte flags, ByteBuf body) {
    super(body);
    this.connId = connId;
    this.streamId = streamId;
    this.type = type;
    this.flags = flags;
  }

  public int connId() {
    return connId;
  }

  public int streamId() {
    return streamId;
  }

  public byte type() {
    return type;
  }

  public byte flags() {
    return flags;
  }

  @Override
  public String toString() {
    return "TtrpcBufOutbound[conn " + connId + ", stream " + Integer.toUnsignedString(streamId) + ", type " + type
        + ", " + content().readableBytes() + " bytes]";
  }
}
