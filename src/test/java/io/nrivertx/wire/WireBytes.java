package io.nrivertx.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builders for raw mux frames and ttrpc messages in tests. */
final class WireBytes {

  private WireBytes() {}

  static byte[] mux(long connId, byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length)
        .putInt((int) connId).putInt(payload.length).put(payload).array();
  }

  static byte[] muxHeader(long connId, long length) {
    return ByteBuffer.allocate(8).putInt((int) connId).putInt((int) length).array();
  }

  static byte[] ttrpc(int streamId, int type, int flags, byte[] data) {
    return ByteBuffer.allocate(10 + data.length).putInt(data.length).putInt(streamId)
        .put((byte) type).put((byte) flags).put(data).array();
  }

  static byte[] ttrpcHeader(long length, int streamId, int type) {
    return ByteBuffer.allocate(10).putInt((int) length).putInt(streamId)
        .put((byte) type).put((byte) 0).array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] pattern(int length, int seed) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31 + seed);
    }
    return data;
  }
}
