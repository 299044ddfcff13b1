package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * One complete ttrpc message.
 *
 * @param streamId the stream id from the header
 * @param type the message type, one of the three known ones
 * @param flags the header flags
 * @param data the protobuf body; this frame owns it, release the frame when done
 */
public record TtrpcFrame(int streamId, byte type, byte flags, ByteBuf data) implements TtrpcMessage {

  public TtrpcFrame {
    Objects.requireNonNull(data, "data");
  }

  @Override
  public ByteBuf content() {
    return data;
  }
}
