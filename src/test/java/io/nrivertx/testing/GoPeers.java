package io.nrivertx.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds the Go test plugins (src/test/go, on the official NRI stub) once per JVM and hands out
 * their paths. Without a Go toolchain the calling test is skipped, or fails when CI=true.
 *
 * <p>Plugins on old stubs live in their own Go modules, because one module can hold only one
 * version of containerd/nri: src/test/go-old (nri v0.6.1, as in containerd 1.7) and
 * src/test/go-v030 (nri v0.3.0, as in containerd 1.7.0). Each module is built on first use into
 * its own directory.
 */
public final class GoPeers {
  private static final long BUILD_TIMEOUT_MINUTES = 5;
  private static final Path FALLBACK_GO = Path.of("/usr/local/go/bin/go");

  private static final Module CURRENT = new Module("src/test/go", "go-bin");
  private static final Module OLD = new Module("src/test/go-old", "go-bin-old");
  private static final Module V030 = new Module("src/test/go-v030", "go-bin-v030");

  private GoPeers() {}

  /** The recorder plugin (cmd/recorder). */
  public static Path recorder() {
    return binDir().resolve("recorder");
  }

  /** The adjuster plugin (cmd/adjuster). */
  public static Path adjuster() {
    return binDir().resolve("adjuster");
  }

  /** {@code ${nri.build.dir}} (default {@code target}): where test artefacts go. */
  public static Path buildDir() {
    return Path.of(System.getProperty("nri.build.dir", "target")).toAbsolutePath();
  }

  /**
   * The recorder on the containerd/nri v0.6.1 stub (src/test/go-old/cmd/oldrecorder). That stub
   * has no dedicated RPCs for pod events, start/remove or the post-events: they reach it only as
   * StateChange.
   */
  public static Path oldRecorder() {
    return OLD.binDir().resolve("oldrecorder");
  }

  /** The recorder on the containerd/nri v0.3.0 stub (src/test/go-v030/cmd/v030recorder). */
  public static Path v030Recorder() {
    return V030.binDir().resolve("v030recorder");
  }

  /**
   * containerd/nri's own runtime side of an old release, hosted for the relay differential
   * (cmd/oldruntime of src/test/go-old for "v0.6.1", of src/test/go-v030 for "v0.3.0").
   */
  public static Path oldRuntime(String version) {
    return switch (version) {
      case "v0.6.1" -> OLD.binDir().resolve("oldruntime");
      case "v0.3.0" -> V030.binDir().resolve("oldruntime");
      default -> throw new IllegalArgumentException("no old runtime for NRI " + version);
    };
  }

  /** Directory holding every binary built from src/test/go/cmd/*. */
  public static Path binDir() {
    return CURRENT.binDir();
  }

  /** One Go module of test plugins, built once per JVM into its own directory. */
  private static final class Module {
    private final String sourceDir; // relative to the project directory
    private final String outName; // directory name under buildDir()
    private Path binDir; // set once the build succeeded
    private String failure; // set once it failed: later callers fail the same way
    private boolean skip; // the failure is "no toolchain" (skip) rather than a build error

    Module(String sourceDir, String outName) {
      this.sourceDir = sourceDir;
      this.outName = outName;
    }

    synchronized Path binDir() {
      if (binDir == null && failure == null) {
        build();
      }
      if (failure == null) {
        return binDir;
      }
      if (skip && !"true".equals(System.getenv("CI"))) {
        Assumptions.abort(failure);
      }
      throw new AssertionError(skip ? "CI=true requires Go ≥ 1.24 for the interop tests: " + failure : failure);
    }

    private void build() {
      Path go = findGo();
      if (go == null) {
        skip = true;
        failure = "no Go toolchain (no `go` on PATH, no " + FALLBACK_GO + "); install Go ≥ 1.24 to run the NRI interop tests";
        return;
      }
      Path moduleDir = Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath().resolve(sourceDir);
      Path out = buildDir().resolve(outName);
      Path tmp = null;
      try {
        // Build into a private directory, then rename: parallel JVMs (forked test runs) never see a
        // half-written binary, and a running plugin keeps its old file.
        tmp = Files.createTempDirectory(Files.createDirectories(out), "build-");
        Path log = out.resolve("build-" + ProcessHandle.current().pid() + ".log");
        // -buildvcs=false: stamping VCS data fails in checkouts without a usable .git and is not needed.
        Process p = new ProcessBuilder(go.toString(), "build", "-buildvcs=false", "-o", tmp + File.separator, "./cmd/...")
            .directory(moduleDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
          p.descendants().forEach(ProcessHandle::destroyForcibly); // the compilers go build started
          p.destroyForcibly().waitFor();
        }
        if (!done || p.exitValue() != 0) {
          failure = (done ? "go build failed (exit " + p.exitValue() + ")" : "go build timed out after "
              + BUILD_TIMEOUT_MINUTES + " min") + " in " + moduleDir + " using " + go + ":\n" + Files.readString(log);
          return;
        }
        try (var files = Files.list(tmp)) {
          for (Path f : files.toList()) {
            Files.move(f, out.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          }
        }
        binDir = out;
      } catch (IOException e) {
        failure = "cannot build the Go plugins in " + moduleDir + " using " + go + ": " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted while building the Go plugins";
      } finally {
        if (tmp != null) {
          try (var files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          } catch (IOException ignored) { // leftovers in the build directory are harmless
          }
        }
      }
    }
  }

  /** The Go toolchain this machine has (PATH, else /usr/local/go/bin/go), or null. */
  public static Path goToolchain() {
    return findGo();
  }

  private static Path findGo() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path go = Path.of(dir.isEmpty() ? "." : dir, "go");
      if (Files.isRegularFile(go) && Files.isExecutable(go)) {
        return go.toAbsolutePath();
      }
    }
    return Files.isExecutable(FALLBACK_GO) ? FALLBACK_GO : null;
  }
}
