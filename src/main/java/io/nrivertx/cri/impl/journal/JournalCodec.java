package io.nrivertx.cri.impl.journal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The record framing of every journal file: {@code u32 length, u32 ~length, u32 crc32c(payload),
 * payload}, big-endian. The inverted length lets a reader tell a damaged header from a long record
 * before trusting the length, and the checksum covers the payload. Pure functions, no I/O.
 */
public final class JournalCodec {
  public static final int HEADER = 12;
  /** Far above any real record (a pod or container is a few KiB); also what a reader may have to hold. */
  public static final int MAX_RECORD = 16 << 20;

  private JournalCodec() {
  }

  /** How reading a file ended: cleanly, on a torn tail (safe to cut), or on damage with data after it. */
  public enum End { CLEAN, TORN, CORRUPT }

  /** The framed bytes of {@code payloads}, in one buffer ready to be written. */
  public static ByteBuffer encode(List<byte[]> payloads) {
    int size = 0;
    for (byte[] p : payloads) {
      size += framed(p);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    payloads.forEach(p -> put(out, p));
    return out.flip();
  }

  /** Bytes {@code payload} takes in a file. */
  public static int framed(byte[] payload) {
    return HEADER + payload.length;
  }

  /** Frames {@code payload} into {@code out}, which must have {@link #framed} bytes left. */
  public static void put(ByteBuffer out, byte[] payload) {
    if (payload.length > MAX_RECORD) {
      throw new IllegalArgumentException("journal record of " + payload.length + " bytes, over the limit of "
          + MAX_RECORD);
    }
    out.putInt(payload.length).putInt(~payload.length).putInt(crc(ByteBuffer.wrap(payload))).put(payload);
  }

  /** Whether a header's length and check fields agree and the length is one a writer could produce. */
  static boolean headerValid(int length, int check) {
    return check == ~length && length >= 0 && length <= MAX_RECORD;
  }

  static int crc(ByteBuffer payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload.duplicate());
    return (int) crc.getValue();
  }
}
