package io.nrivertx.cri.impl.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real file system, but the process "dies" at step {@code crashAt}: that operation is not done
 * (a write is done half-way, as a kill can cut one), and every later one fails. What was written
 * stays, as after kill -9 (the page cache survives the process). Forcing and directory syncs are
 * steps too, but do nothing real, to keep the test fast.
 */
final class CrashingFs implements JournalFs {
  static final class Crash extends IOException {
    Crash(String message) {
      super(message);
    }
  }

  private final JournalFs real = JournalFs.posix();
  private final int crashAt;
  private final List<String> steps = new ArrayList<>();
  private boolean crashed;

  CrashingFs(int crashAt) {
    this.crashAt = crashAt;
  }

  /** Steps taken so far, each named by operation and file. */
  List<String> steps() {
    return steps;
  }

  boolean crashed() {
    return crashed;
  }

  private boolean step(String what) throws Crash {
    if (crashed) {
      throw new Crash("dead since step " + crashAt + ", asked to " + what);
    }
    steps.add(what);
    if (steps.size() - 1 == crashAt) {
      crashed = true;
      return true;
    }
    return false;
  }

  @Override
  public FileChannel create(Path file) throws IOException {
    if (step("create " + file.getFileName())) {
      throw new Crash("killed before creating " + file);
    }
    return real.create(file);
  }

  @Override
  public FileChannel openForAppend(Path file) throws IOException {
    return real.openForAppend(file); // changes nothing on disk
  }

  @Override
  public void write(FileChannel ch, ByteBuffer data) throws IOException {
    if (step("write " + data.remaining())) {
      ByteBuffer half = data.slice(data.position(), data.remaining() / 2);
      real.write(ch, half);
      throw new Crash("killed half-way through a write");
    }
    real.write(ch, data);
  }

  @Override
  public void force(FileChannel ch) throws IOException {
    if (step("force")) {
      throw new Crash("killed before a force");
    }
  }

  @Override
  public void truncate(FileChannel ch, long size) throws IOException {
    if (step("truncate " + size)) {
      throw new Crash("killed before a truncate");
    }
    real.truncate(ch, size);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    if (step("move " + from.getFileName() + " " + to.getFileName())) {
      throw new Crash("killed before a rename");
    }
    real.move(from, to);
  }

  @Override
  public void delete(Path file) throws IOException {
    if (step("delete " + file.getFileName())) {
      throw new Crash("killed before a delete");
    }
    real.delete(file);
  }

  @Override
  public void syncDir(Path dir) throws IOException {
    if (step("syncDir")) {
      throw new Crash("killed before a directory sync");
    }
  }
}
