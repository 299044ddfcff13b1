package io.nrivertx.cri.impl.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every operation by which the journal changes its directory, in one place: a test substitutes a
 * layer that crashes between any two of them (JournalCrashTest), and files are created private
 * here, never widened or narrowed afterwards. Blocking I/O; call it from a worker.
 */
public interface JournalFs {
  Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  /** A new, empty file (0600) open for writing; fails if it exists. */
  FileChannel create(Path file) throws IOException;

  /** An existing file open for writing at its end. */
  FileChannel openForAppend(Path file) throws IOException;

  /** Writes all of {@code data} at the channel's position. */
  void write(FileChannel ch, ByteBuffer data) throws IOException;

  /** Waits until what was written to {@code ch} is on the disk. */
  void force(FileChannel ch) throws IOException;

  void truncate(FileChannel ch, long size) throws IOException;

  /** Renames atomically, replacing {@code to}. */
  void move(Path from, Path to) throws IOException;

  void delete(Path file) throws IOException;

  /** Makes creations, renames and deletions in {@code dir} survive a power loss. */
  void syncDir(Path dir) throws IOException;

  /** The real file system. */
  static JournalFs posix() {
    return new JournalFs() {
      private final FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);

      @Override
      public FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode);
      }

      @Override
      public FileChannel openForAppend(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        ch.position(ch.size());
        return ch;
      }

      @Override
      public void write(FileChannel ch, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
          ch.write(data);
        }
      }

      @Override
      public void force(FileChannel ch) throws IOException {
        ch.force(false);
      }

      @Override
      public void truncate(FileChannel ch, long size) throws IOException {
        ch.truncate(size);
        ch.position(size);
      }

      @Override
      public void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }

      @Override
      public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
      }

      @Override
      public void syncDir(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
          d.force(true);
        }
      }
    };
  }
}
