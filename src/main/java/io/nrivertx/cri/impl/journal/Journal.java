package io.nrivertx.cri.impl.journal;

import io.nrivertx.cri.CriStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The CRI state journal: generations of a snapshot plus a tail of changes ({@link JournalFiles}),
 * and the lock that keeps a second instance off the directory. Compaction never stops appends:
 * {@link #rotate} starts a new, empty tail (appends go there from then on), {@link #writeSnapshot}
 * writes the live state as it was at that moment beside it, and {@link #dropBefore} deletes the
 * older generation. A crash at any point leaves a directory that {@link #open} replays to the last
 * acknowledged state: an unfinished snapshot is a {@code .tmp} file, ignored; an unfinished
 * cleanup leaves a generation that the newer snapshot makes obsolete.
 *
 * <p>Blocking I/O throughout: call it from workers. {@link #append} and {@link #rotate} must come
 * from one ordered queue; {@link #writeSnapshot} and {@link #dropBefore} touch only older files
 * and the new snapshot, so they may run on another worker at the same time.
 */
public final class Journal implements AutoCloseable {
  /** Buffer of the snapshot writer: large writes, bounded memory. */
  private static final int WRITE_BUFFER = 1 << 20;

  private final Path dir;
  private final JournalFs fs;
  private final boolean sync;
  private final FileChannel lockChannel;
  private FileChannel tail;
  private volatile long generation;
  private volatile long tailBytes; // in the tails since the newest snapshot
  private volatile long snapshotBytes;

  /**
   * What opening found.
   *
   * @param records records replayed (snapshot and tails)
   * @param tornOffset offset in {@code tornFile} of a torn last record that was cut, or -1
   * @param warnings permission problems found (also logged)
   */
  public record Opened(Journal journal, int records, Path tornFile, long tornOffset, long tornBytes, Path tornCopy,
                       List<String> warnings) {
  }

  Journal(Path dir, JournalFs fs, boolean sync, FileChannel lockChannel) {
    this.dir = dir;
    this.fs = fs;
    this.sync = sync;
    this.lockChannel = lockChannel;
  }

  /**
   * Locks {@code dir} (created 0700 if missing), replays every record in order into
   * {@code replay} (a view valid during the call only) and opens the newest tail for appends.
   *
   * @throws CriStateException when the directory is locked, unusable or damaged; names the file
   */
  public static Opened open(Path dir, boolean sync, JournalFs fs, Consumer<ByteBuffer> replay) {
    FileChannel lockChannel = null;
    try {
      List<String> warnings = new java.util.ArrayList<>();
      PrivateFiles.directory(dir, warnings);
      Path lockFile = dir.resolve("lock");
      PrivateFiles.file(lockFile, warnings);
      lockChannel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(JournalFs.FILE_MODE));
      if (!tryLock(lockChannel)) {
        throw new CriStateException("CRI state directory " + dir + " is in use by another nri-vertx process;"
            + " give each instance its own --state-dir");
      }
      Journal journal = new Journal(dir, fs, sync, lockChannel);
      lockChannel = null;
      try {
        return new JournalRecovery(journal, replay, warnings).run();
      } catch (IOException | RuntimeException e) {
        journal.close();
        throw e;
      }
    } catch (IOException e) {
      throw new CriStateException("cannot open the CRI state journal in " + dir + ": " + e, e);
    } finally {
      closeQuietly(lockChannel);
    }
  }

  private static boolean tryLock(FileChannel ch) throws IOException {
    try {
      FileLock lock = ch.tryLock();
      return lock != null;
    } catch (OverlappingFileLockException e) {
      return false; // held by this very JVM: another endpoint on the same directory
    }
  }

  /** Called once by recovery: appends go to {@code journal.gen} from its current end. */
  void resume(long gen, FileChannel channel, long tailBytes, long snapshotBytes) {
    this.generation = gen;
    this.tail = channel;
    this.tailBytes = tailBytes;
    this.snapshotBytes = snapshotBytes;
  }

  Path dir() {
    return dir;
  }

  JournalFs fs() {
    return fs;
  }

  /** Appends the records in one write and, with sync on, waits until they are on the disk. */
  public void append(List<byte[]> payloads) throws IOException {
    ByteBuffer buf = JournalCodec.encode(payloads);
    int n = buf.remaining();
    fs.write(tail, buf);
    if (sync) {
      fs.force(tail);
    }
    tailBytes += n;
  }

  /**
   * Starts generation {@code g + 1}: creates its empty tail and moves appends there. The caller
   * then writes the snapshot of the state as of this moment with {@link #writeSnapshot}.
   *
   * @return the new generation
   */
  public long rotate() throws IOException {
    long next = generation + 1;
    Path file = JournalFiles.tail(dir, next);
    FileChannel created = fs.create(file);
    try {
      fs.syncDir(dir); // the new tail must exist after a power loss before anything acknowledged goes in it
    } catch (IOException e) {
      closeQuietly(created);
      fs.delete(file);
      throw e;
    }
    closeQuietly(tail); // everything in it was forced by append
    tail = created;
    generation = next;
    tailBytes = 0;
    return next;
  }

  /**
   * Writes {@code snapshot.gen} from {@code records} (one framed record each, streamed through a
   * bounded buffer): to a {@code .tmp} file, forced, renamed, directory synced.
   */
  public void writeSnapshot(long gen, Iterator<byte[]> records) throws IOException {
    Path tmp = JournalFiles.partialSnapshot(dir, gen);
    fs.delete(tmp);
    long written = 0;
    try (FileChannel out = fs.create(tmp)) {
      ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER);
      while (records.hasNext()) {
        byte[] r = records.next();
        if (buf.remaining() < JournalCodec.framed(r)) {
          written += drain(out, buf);
        }
        if (JournalCodec.framed(r) > buf.capacity()) {
          ByteBuffer big = ByteBuffer.allocate(JournalCodec.framed(r));
          JournalCodec.put(big, r);
          written += drain(out, big);
        } else {
          JournalCodec.put(buf, r);
        }
      }
      written += drain(out, buf);
      fs.force(out);
    }
    fs.move(tmp, JournalFiles.snapshot(dir, gen));
    fs.syncDir(dir);
    snapshotBytes = written;
  }

  private long drain(FileChannel out, ByteBuffer buf) throws IOException {
    buf.flip();
    int n = buf.remaining();
    fs.write(out, buf);
    buf.clear();
    return n;
  }

  /** Deletes the snapshots and tails of generations before {@code gen}, once {@code snapshot.gen} is complete. */
  public void dropBefore(long gen) throws IOException {
    JournalFiles files = JournalFiles.list(dir);
    boolean any = false;
    for (long g : files.snapshots().headSet(gen)) {
      fs.delete(JournalFiles.snapshot(dir, g));
      any = true;
    }
    for (long g : files.tails().headSet(gen)) {
      fs.delete(JournalFiles.tail(dir, g));
      any = true;
    }
    if (any) {
      fs.syncDir(dir);
    }
  }

  /** Bytes appended since the newest snapshot: what a compaction would reclaim. */
  public long tailBytes() {
    return tailBytes;
  }

  /** Bytes of the newest snapshot. */
  public long snapshotBytes() {
    return snapshotBytes;
  }

  public long generation() {
    return generation;
  }

  /** The file appends go to. */
  public Path tailPath() {
    return JournalFiles.tail(dir, generation);
  }

  public Path directory() {
    return dir;
  }

  @Override
  public void close() {
    closeQuietly(tail);
    closeQuietly(lockChannel); // releases the lock
  }

  static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) { // nothing left to do with it
      }
    }
  }
}
