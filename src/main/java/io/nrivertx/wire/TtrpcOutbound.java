package io.nrivertx.wire;

import java.util.Objects;

/**
 * A ttrpc message to send on one logical mux connection; {@link TtrpcMuxEncoder} frames it.
 *
 * @param connId the mux conn id
 * @param streamId the ttrpc stream id
 * @param type the ttrpc message type
 * @param flags the ttrpc flags
 * @param data the protobuf body, at most {@link WireLimits#MAX_TTRPC_MESSAGE} bytes; not copied,
 *     do not modify it after handing it over
 */
public record TtrpcOutbound(int connId, int streamId, byte type, byte flags, byte[] data) {

  public TtrpcOutbound {
    Objects.requireNonNull(data, "data");
  }
}
