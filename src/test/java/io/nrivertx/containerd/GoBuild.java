package io.nrivertx.containerd;

import io.nrivertx.testing.GoPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds Go programs from the Go module proxy (or the project's own test modules) into a
 * directory named by what was built and at which version, once: a directory that exists is a
 * finished build (it is filled privately and renamed into place), so warm runs cost nothing and
 * parallel test JVMs never see half a build.
 */
final class GoBuild {
  private static final Duration TIMEOUT = Duration.ofMinutes(15);

  private GoBuild() {
  }

  /**
   * Runs {@code go ARGS} in {@code workDir} with {@code GOBIN} (and {@code -o} targets, written
   * as {@code {out}}) pointing at a private directory, which becomes {@code target}.
   *
   * @return {@code target}, holding the built files
   */
  static Path build(Path target, Path workDir, Map<String, String> env, List<String> args) {
    if (Files.isDirectory(target)) {
      return target;
    }
    Path go = GoPeers.goToolchain();
    if (go == null) {
      throw new HarnessUnavailable("no Go toolchain (go on PATH or /usr/local/go/bin/go) to build " + target.getFileName());
    }
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".build-");
      Path log = target.getParent().resolve(target.getFileName() + ".build.log");
      List<String> cmd = new ArrayList<>(List.of(go.toString()));
      for (String a : args) {
        cmd.add(a.replace("{out}", tmp.toString()));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      pb.environment().put("GOBIN", tmp.toString());
      pb.environment().put("GOFLAGS", "-buildvcs=false");
      Process p = pb.start();
      if (!p.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly); // the compilers go started
        p.destroyForcibly().waitFor();
        throw new AssertionError("go " + String.join(" ", args) + " took longer than " + TIMEOUT.toMinutes()
            + " min; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("go " + String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n"
            + Files.readString(log));
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (IOException e) {
        if (!Files.isDirectory(target)) { // else another JVM finished the same build first
          throw e;
        }
      }
      return target;
    } catch (IOException e) {
      throw new AssertionError("cannot build " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while building " + target, e);
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException ignored) { // leftovers in a temp directory are harmless
    }
  }
}
