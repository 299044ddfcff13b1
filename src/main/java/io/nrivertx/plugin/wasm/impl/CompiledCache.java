package io.nrivertx.plugin.wasm.impl;

import com.dylibso.chicory.compiler.Cache;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Compiled modules on disk, one file per module digest, so a restart skips the compiler. The
 * directory is created 0700 (it holds code the runtime will load); files are written to a
 * temporary name and moved into place, so a reader never sees half a file.
 */
final class CompiledCache implements Cache {
  private final Path dir;

  CompiledCache(Path dir) {
    this.dir = dir;
  }

  @Override
  public byte[] get(String digest) throws IOException {
    try {
      return Files.readAllBytes(file(digest));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void putIfAbsent(String digest, byte[] compiled) throws IOException {
    Path target = file(digest);
    if (Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path tmp = Files.createTempFile(dir, ".compiling-", ".tmp");
    try {
      Files.write(tmp, compiled);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path file(String digest) {
    // The digest is the compiler's hex hash of the module; keep it a plain file name anyway.
    return dir.resolve(digest.replaceAll("[^A-Za-z0-9_-]", "_") + ".chicory");
  }
}
