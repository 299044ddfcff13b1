package io.nrivertx.cri;

import io.nrivertx.testing.GoPeers;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real crictl (sigs.k8s.io/cri-tools, the release pinned in src/test/go/crictl/go.mod),
 * built from the Go module proxy once per JVM, run against one endpoint's socket. Without a Go
 * toolchain the calling test is skipped (fails when CI=true).
 */
public final class Crictl {
  static final String VERSION = "v1.37.0";
  private static final Object LOCK = new Object();
  private static Path binary; // built once per JVM
  private static String failure;

  private final String endpoint;

  public Crictl(Path socket) {
    this.endpoint = "unix://" + socket;
  }

  /** What one crictl run printed and how it exited. */
  public record Result(int exit, String out, String err) {
    public String ok() {
      if (exit != 0) {
        throw new AssertionError("crictl exited " + exit + ": " + err + out);
      }
      return out.trim();
    }

    public JsonObject json() {
      return new JsonObject(ok());
    }
  }

  public Result run(String... args) {
    return runWithin(java.time.Duration.ofSeconds(20), args);
  }

  /** Runs with crictl's {@code --timeout}, which it sends as each call's gRPC deadline (twice that for pod calls). */
  public Result runWithin(java.time.Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--runtime-endpoint", endpoint,
        "--image-endpoint", endpoint, "--timeout", timeout.toMillis() + "ms"));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(GoPeers.buildDir(), "crictl-", ".out");
      Path err = Files.createTempFile(GoPeers.buildDir(), "crictl-", ".err");
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("crictl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run crictl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running crictl", e);
    }
  }

  public static Path binary() {
    synchronized (LOCK) {
      if (binary == null && failure == null) {
        build();
      }
      if (failure != null) {
        if (failure.startsWith("no Go") && !"true".equals(System.getenv("CI"))) {
          Assumptions.abort(failure);
        }
        throw new AssertionError(failure);
      }
      return binary;
    }
  }

  private static void build() {
    Path go = Path.of("/usr/local/go/bin/go");
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "go"))) {
        go = Path.of(dir, "go");
        break;
      }
    }
    if (!Files.isExecutable(go)) {
      failure = "no Go toolchain: install Go >= 1.26 to build crictl for the CRI tests";
      return;
    }
    Path module = Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath().resolve("src/test/go/crictl");
    Path out = GoPeers.buildDir().resolve("go-bin");
    try {
      Files.createDirectories(out);
      Path tmp = out.resolve("crictl-" + ProcessHandle.current().pid());
      Path log = out.resolve("crictl-build-" + ProcessHandle.current().pid() + ".log");
      Process p = new ProcessBuilder(go.toString(), "build", "-buildvcs=false", "-ldflags",
          "-X sigs.k8s.io/cri-tools/pkg/version.Version=" + VERSION, "-o", tmp.toString(),
          "sigs.k8s.io/cri-tools/cmd/crictl").directory(module.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        failure = "building crictl timed out; see " + log;
        return;
      }
      if (p.exitValue() != 0) {
        failure = "building crictl failed in " + module + ":\n" + Files.readString(log);
        return;
      }
      binary = Files.move(tmp, out.resolve("crictl"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      failure = "cannot build crictl: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted while building crictl";
    }
  }
}
