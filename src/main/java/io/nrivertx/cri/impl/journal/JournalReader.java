package io.nrivertx.cri.impl.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * Reads one journal file record by record through a small buffer, so a file of any size is
 * replayed in memory bounded by its largest record. Damage counts as a torn tail only when nothing
 * after it could be a record: the file ends inside a header or payload, the bad record is the very
 * last one, or everything after the damage is zero (a preallocated block).
 */
public final class JournalReader {
  static final int BUFFER = 256 << 10;

  /**
   * @param records intact records before {@code validEnd}
   * @param validEnd offset just past the last intact record
   * @param end how the file ended
   * @param detail what is wrong at {@code validEnd} (null when clean)
   */
  public record Scan(int records, long validEnd, JournalCodec.End end, String detail) {
  }

  private final FileChannel in;
  private final long size;
  private ByteBuffer buf;
  private long bufStart; // file offset of buf's index 0; buf holds [bufStart, bufStart + limit)

  private JournalReader(FileChannel in, int bufferSize) throws IOException {
    this.in = in;
    this.size = in.size();
    this.buf = ByteBuffer.allocate(bufferSize).limit(0);
  }

  /**
   * Hands each intact payload to {@code sink} (a view valid only during the call) in file order.
   *
   * @param bufferSize initial read buffer; it grows only for a record larger than itself
   */
  public static Scan scan(FileChannel in, Consumer<ByteBuffer> sink, int bufferSize) throws IOException {
    return new JournalReader(in, bufferSize).run(sink);
  }

  public static Scan scan(FileChannel in, Consumer<ByteBuffer> sink) throws IOException {
    return scan(in, sink, BUFFER);
  }

  private Scan run(Consumer<ByteBuffer> sink) throws IOException {
    int records = 0;
    long pos = 0;
    while (pos < size) {
      long left = size - pos;
      if (left < JournalCodec.HEADER) {
        return new Scan(records, pos, JournalCodec.End.TORN, "header cut short (" + left + " of "
            + JournalCodec.HEADER + " bytes)");
      }
      ByteBuffer header = window(pos, JournalCodec.HEADER);
      int length = header.getInt(header.position());
      int check = header.getInt(header.position() + 4);
      int crc = header.getInt(header.position() + 8);
      if (!JournalCodec.headerValid(length, check)) {
        JournalCodec.End end = zerosFrom(pos) ? JournalCodec.End.TORN : JournalCodec.End.CORRUPT;
        return new Scan(records, pos, end, "damaged record header (length field 0x" + Integer.toHexString(length)
            + ", check 0x" + Integer.toHexString(check) + ")");
      }
      if (left - JournalCodec.HEADER < length) {
        return new Scan(records, pos, JournalCodec.End.TORN, "record of " + length + " bytes cut short ("
            + (left - JournalCodec.HEADER) + " bytes present)");
      }
      ByteBuffer payload = window(pos + JournalCodec.HEADER, length);
      if (JournalCodec.crc(payload) != crc) {
        boolean last = pos + JournalCodec.HEADER + length == size;
        return new Scan(records, pos, last ? JournalCodec.End.TORN : JournalCodec.End.CORRUPT,
            "checksum mismatch in a record of " + length + " bytes");
      }
      sink.accept(payload.asReadOnlyBuffer());
      records++;
      pos += JournalCodec.HEADER + length;
    }
    return new Scan(records, pos, JournalCodec.End.CLEAN, null);
  }

  /** A view of file bytes {@code [from, from + n)}, read into the buffer if not there yet. */
  private ByteBuffer window(long from, int n) throws IOException {
    if (from < bufStart || from + n > bufStart + buf.limit()) {
      fill(from, n);
    }
    int at = (int) (from - bufStart);
    return buf.slice(at, n);
  }

  /** Keeps what is left from {@code from} at the front, grows for {@code n} bytes if needed, reads. */
  private void fill(long from, int n) throws IOException {
    boolean overlaps = from >= bufStart && from < bufStart + buf.limit();
    buf.position(overlaps ? (int) (from - bufStart) : buf.limit());
    buf.compact();
    if (buf.capacity() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(n);
      bigger.put(buf.flip());
      buf = bigger;
    }
    bufStart = from;
    long filePos = from + buf.position();
    while (buf.position() < n) {
      int read = in.read(buf, filePos);
      if (read < 0) {
        throw new EOFException("journal file shrank while being read (" + filePos + " of " + size + " bytes)");
      }
      filePos += read;
    }
    buf.flip();
  }

  private boolean zerosFrom(long from) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
    for (long pos = from; pos < size; ) {
      chunk.clear();
      int read = in.read(chunk, pos);
      if (read < 0) {
        break;
      }
      for (int i = 0; i < read; i++) {
        if (chunk.get(i) != 0) {
          return false;
        }
      }
      pos += read;
    }
    return true;
  }
}
