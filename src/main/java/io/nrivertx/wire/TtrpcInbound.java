package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A ttrpc message received on one logical mux connection.
 *
 * @param connId the mux conn id it arrived on
 * @param message the message; this record owns it, release the record when done
 */
public record TtrpcInbound(int connId, TtrpcMessage message) implements BufferHolder {

  public TtrpcInbound {
    Objects.requireNonNull(message, "message");
  }

  @Override
  public ByteBuf content() {
    return message.content();
  }
}
