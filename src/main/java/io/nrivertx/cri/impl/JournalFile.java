package io.nrivertx.cri.impl;

import io.nrivertx.cri.CriStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The append-only journal file and the lock that keeps a second instance off the same state
 * directory. Every method does blocking file I/O: call it from a worker, never an event loop.
 * Not thread-safe; the store calls it from one ordered worker queue.
 */
public final class JournalFile implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JournalFile.class.getName());
  static final String NAME = "journal";

  private final Path dir;
  private final Path file;
  private final boolean sync;
  private final FileChannel lockChannel;
  private FileChannel channel;

  /** What was read: the intact records and, if the last one was torn, where and what was cut. */
  public record Opened(JournalFile journal, List<byte[]> records, long tornOffset, long tornBytes, Path tornCopy) {
  }

  private JournalFile(Path dir, boolean sync, FileChannel lockChannel) {
    this.dir = dir;
    this.file = dir.resolve(NAME);
    this.sync = sync;
    this.lockChannel = lockChannel;
  }

  public static Opened open(Path dir, boolean sync) {
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by this very JVM: another endpoint on the same directory
      }
      if (lock == null) {
        throw new CriStateException("CRI state directory " + dir + " is in use by another nri-vertx process;"
            + " give each instance its own --state-dir");
      }
      JournalFile journal = new JournalFile(dir, sync, lockChannel);
      lockChannel = null;
      try {
        return journal.recover();
      } catch (IOException | RuntimeException e) {
        journal.close();
        throw e;
      }
    } catch (IOException e) {
      throw new CriStateException("cannot open CRI state directory " + dir + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(lockChannel);
    }
  }

  private Opened recover() throws IOException {
    Files.deleteIfExists(dir.resolve(NAME + ".compact")); // a compaction that did not finish
    byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(bytes));
    long torn = -1;
    long tornBytes = 0;
    Path copy = null;
    if (scan.end() == JournalCodec.End.CORRUPT) {
      throw new CriStateException("CRI state journal " + file + " is damaged at offset " + scan.validEnd() + ": "
          + scan.detail() + ", and " + (bytes.length - scan.validEnd()) + " bytes follow, which may hold"
          + " acknowledged records; refusing to start rather than drop them. Keep a copy, then either move the"
          + " file away (start empty) or truncate it to " + scan.validEnd() + " bytes (keep the "
          + scan.records().size() + " records before the damage).");
    }
    if (scan.end() == JournalCodec.End.TORN) {
      torn = scan.validEnd();
      tornBytes = bytes.length - torn;
      copy = dir.resolve(NAME + ".torn-" + torn);
      Files.write(copy, java.util.Arrays.copyOfRange(bytes, (int) torn, bytes.length));
      LOG.log(System.Logger.Level.WARNING, "CRI state journal " + file + ": the last record, at offset " + torn
          + ", is incomplete (" + scan.detail() + "): a write cut off by a crash, never acknowledged. Its "
          + tornBytes + " bytes were saved to " + copy + " and cut from the journal; " + scan.records().size()
          + " records before it are intact.");
    }
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.truncate(scan.validEnd());
    channel.position(scan.validEnd());
    channel.force(true);
    return new Opened(this, scan.records(), torn, tornBytes, copy);
  }

  /** Appends the records in one write and, with sync on, waits until they are on the disk. */
  public void append(List<byte[]> payloads) throws IOException {
    ByteBuffer buf = JournalCodec.encode(payloads);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    if (sync) {
      channel.force(false);
    }
  }

  /**
   * Replaces the journal by a snapshot (one record per live object): written to a side file,
   * flushed, then renamed over the journal, so a crash leaves either the old or the new file.
   */
  public void rewrite(List<byte[]> snapshot) throws IOException {
    Path tmp = dir.resolve(NAME + ".compact");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = JournalCodec.encode(snapshot);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // the rename itself must survive a power loss
    }
    channel.close();
    channel = FileChannel.open(file, StandardOpenOption.WRITE);
    channel.position(channel.size());
  }

  public Path path() {
    return file;
  }

  @Override
  public void close() {
    closeQuietly(channel);
    closeQuietly(lockChannel); // releases the lock
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) { // nothing left to do with it
      }
    }
  }
}
