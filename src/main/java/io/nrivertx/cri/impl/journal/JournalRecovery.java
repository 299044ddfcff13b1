package io.nrivertx.cri.impl.journal;

import io.nrivertx.cri.CriStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * Replays a journal directory: the newest complete snapshot, then every tail from its generation
 * on, in order. Only the newest tail may end in a torn record (a crash during an unacknowledged
 * write): it is saved aside and cut. Damage anywhere else, or with data after it, refuses the
 * start rather than drop acknowledged records.
 */
final class JournalRecovery {
  private static final System.Logger LOG = System.getLogger(JournalRecovery.class.getName());

  private final Journal journal;
  private final Path dir;
  private final JournalFs fs;
  private final Consumer<ByteBuffer> replay;
  private final List<String> warnings;
  private int records;

  JournalRecovery(Journal journal, Consumer<ByteBuffer> replay, List<String> warnings) {
    this.journal = journal;
    this.dir = journal.dir();
    this.fs = journal.fs();
    this.replay = replay;
    this.warnings = warnings;
  }

  Journal.Opened run() throws IOException {
    JournalFiles files = adoptLegacy(JournalFiles.list(dir));
    for (Path p : files.partial()) {
      fs.delete(p); // a snapshot that was still being written: the tails it would replace are all there
    }
    long base = files.base();
    long snapshotBytes = 0;
    if (files.snapshots().contains(base)) {
      Path snap = JournalFiles.snapshot(dir, base);
      PrivateFiles.file(snap, warnings);
      snapshotBytes = strict(snap, "a snapshot is complete before it is used, so this is not a crash's torn"
          + " write but damage to the file");
    }
    NavigableSet<Long> tails = files.tails().tailSet(base, true);
    if (tails.isEmpty()) {
      tails = new java.util.TreeSet<>(List.of(base));
      Journal.closeQuietly(fs.create(JournalFiles.tail(dir, base)));
      fs.syncDir(dir);
    }
    long tailBytes = 0;
    for (long g : tails.headSet(tails.last())) {
      tailBytes += strict(JournalFiles.tail(dir, g), "the journal continues in " + JournalFiles.tail(dir, tails.last())
          + ", so this is not a crash's torn write");
    }
    long last = tails.last();
    Path lastFile = JournalFiles.tail(dir, last);
    PrivateFiles.file(lastFile, warnings);
    FileChannel ch = fs.openForAppend(lastFile);
    try {
      Torn torn = newest(lastFile, ch, last);
      tailBytes += ch.size();
      dropStale(files, base);
      journal.resume(last, ch, tailBytes, snapshotBytes);
      return new Journal.Opened(journal, records, torn == null ? null : lastFile, torn == null ? -1 : torn.offset,
          torn == null ? 0 : torn.bytes, torn == null ? null : torn.copy, List.copyOf(warnings));
    } catch (IOException | RuntimeException e) {
      Journal.closeQuietly(ch);
      throw e;
    }
  }

  /** The single {@code journal} file of earlier versions becomes generation 1's tail. */
  private JournalFiles adoptLegacy(JournalFiles files) throws IOException {
    if (files.legacy() == null) {
      return files;
    }
    if (!files.tails().isEmpty() || !files.snapshots().isEmpty()) {
      throw new CriStateException("CRI state directory " + dir + " holds both a journal of an earlier nri-vertx ("
          + files.legacy() + ") and generations of a newer one; keep a copy, then move one of them away");
    }
    fs.move(files.legacy(), JournalFiles.tail(dir, 1));
    fs.syncDir(dir);
    return JournalFiles.list(dir);
  }

  private record Torn(long offset, long bytes, Path copy) {
  }

  /** Replays the newest tail; a torn last record is saved aside and cut off. */
  private Torn newest(Path file, FileChannel ch, long gen) throws IOException {
    JournalReader.Scan scan;
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      scan = JournalReader.scan(in, replay);
      records += scan.records();
      if (scan.end() == JournalCodec.End.CORRUPT) {
        throw new CriStateException("CRI state journal " + file + " is damaged at offset " + scan.validEnd() + ": "
            + scan.detail() + ", and " + (in.size() - scan.validEnd()) + " bytes follow, which may hold"
            + " acknowledged records; refusing to start rather than drop them. Keep a copy, then either move the"
            + " state directory away (start empty) or truncate this file to " + scan.validEnd() + " bytes (keep the "
            + scan.records() + " records before the damage).");
      }
      if (scan.end() == JournalCodec.End.CLEAN) {
        return null;
      }
      long size = in.size();
      Path copy = JournalFiles.tornCopy(dir, gen, scan.validEnd());
      fs.delete(copy);
      try (FileChannel out = fs.create(copy)) {
        ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
        for (long pos = scan.validEnd(); pos < size; ) {
          int n = in.read(chunk.clear(), pos);
          if (n < 0) {
            break;
          }
          fs.write(out, chunk.flip());
          pos += n;
        }
        fs.force(out);
      }
      LOG.log(System.Logger.Level.WARNING, "CRI state journal " + file + ": the last record, at offset "
          + scan.validEnd() + ", is incomplete (" + scan.detail() + "): a write cut off by a crash, never"
          + " acknowledged. Its " + (size - scan.validEnd()) + " bytes were saved to " + copy + " and cut from the"
          + " journal; the " + records + " records before it are intact.");
      fs.truncate(ch, scan.validEnd());
      fs.force(ch);
      return new Torn(scan.validEnd(), size - scan.validEnd(), copy);
    }
  }

  /** Replays a file that must be whole: any damage refuses the start. Returns its size. */
  private long strict(Path file, String why) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      JournalReader.Scan scan = JournalReader.scan(in, replay);
      records += scan.records();
      if (scan.end() != JournalCodec.End.CLEAN) {
        throw new CriStateException("CRI state journal file " + file + " is damaged at offset " + scan.validEnd()
            + ": " + scan.detail() + "; " + why + ". Refusing to start rather than lose acknowledged state: keep a"
            + " copy of " + dir + ", then move it away to start empty.");
      }
      return in.size();
    }
  }

  /** Generations older than the one replayed: a compaction's cleanup that did not finish. */
  private void dropStale(JournalFiles files, long base) throws IOException {
    if (!files.snapshots().headSet(base).isEmpty() || !files.tails().headSet(base).isEmpty()) {
      journal.dropBefore(base);
    }
  }
}
