package io.nrivertx.cri.impl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's record framing: {@code u32 length, u32 ~length, u32 crc32c(payload), payload},
 * big-endian. The inverted length lets a scan tell a damaged header from a long record before
 * trusting the length, and the checksum covers the payload. Pure functions, no I/O.
 */
public final class JournalCodec {
  public static final int HEADER = 12;
  /** Far above any real record (a pod or container snapshot is a few KiB). */
  public static final int MAX_RECORD = 16 << 20;

  private JournalCodec() {
  }

  public static ByteBuffer encode(List<byte[]> payloads) {
    int size = 0;
    for (byte[] p : payloads) {
      size += HEADER + p.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (byte[] p : payloads) {
      out.putInt(p.length).putInt(~p.length).putInt(crc(p, 0, p.length)).put(p);
    }
    return out.flip();
  }

  /** How a scan ended: cleanly, on a torn tail (safe to cut), or on damage with data after it. */
  public enum End { CLEAN, TORN, CORRUPT }

  /**
   * @param records the payloads of every intact record before {@code validEnd}
   * @param validEnd offset just past the last intact record
   * @param detail what is wrong at {@code validEnd} (null when clean)
   */
  public record Scan(List<byte[]> records, long validEnd, End end, String detail) {
  }

  /**
   * Reads records until the data ends or stops making sense. Damage counts as a torn tail only
   * when nothing after it could be a record: the bytes end inside a header or payload, the bad
   * record is the very last one, or everything after the damage is zero (a preallocated block).
   */
  public static Scan scan(ByteBuffer data) {
    List<byte[]> records = new ArrayList<>();
    int pos = data.position();
    int limit = data.limit();
    while (pos < limit) {
      int left = limit - pos;
      if (left < HEADER) {
        return new Scan(records, pos, End.TORN, "header cut short (" + left + " of " + HEADER + " bytes)");
      }
      int length = data.getInt(pos);
      int check = data.getInt(pos + 4);
      if (check != ~length || length < 0 || length > MAX_RECORD) {
        End end = zeros(data, pos, limit) ? End.TORN : End.CORRUPT;
        return new Scan(records, pos, end, "damaged record header (length field 0x" + Integer.toHexString(length)
            + ", check 0x" + Integer.toHexString(check) + ")");
      }
      if (left - HEADER < length) {
        return new Scan(records, pos, End.TORN, "record of " + length + " bytes cut short ("
            + (left - HEADER) + " bytes present)");
      }
      byte[] payload = new byte[length];
      data.get(pos + HEADER, payload);
      if (crc(payload, 0, length) != data.getInt(pos + 8)) {
        boolean last = pos + HEADER + length == limit;
        return new Scan(records, pos, last ? End.TORN : End.CORRUPT, "checksum mismatch in a record of "
            + length + " bytes");
      }
      records.add(payload);
      pos += HEADER + length;
    }
    return new Scan(records, pos, End.CLEAN, null);
  }

  private static boolean zeros(ByteBuffer data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  static int crc(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, len);
    return (int) crc.getValue();
  }
}
