package io.nrivertx.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's WASM test plugin (src/test/go/cmd/wasmplugin, on containerd/nri's WASM plugin API),
 * built with {@code GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared} into
 * {@code ${nri.build.dir}/go-wasm/wasmplugin-<source hash>.wasm}: a build is reused by every later
 * run until a Go source, go.mod or go.sum of the module changes. Without Go the calling test is
 * skipped, or fails when CI=true.
 */
public final class GoWasm {
  private static final long BUILD_TIMEOUT_MINUTES = 5;
  private static Path built;
  private static String failure;

  private GoWasm() {
  }

  /** The module, executable (NRI loads only plugins with an execute bit). */
  public static synchronized Path plugin() {
    if (built == null && failure == null) {
      build();
    }
    if (failure != null) {
      if (failure.startsWith("no Go") && !"true".equals(System.getenv("CI"))) {
        Assumptions.abort(failure);
      }
      throw new AssertionError(failure);
    }
    return built;
  }

  /** Where tests keep compiled modules between runs (wasmCacheDir). */
  public static Path compiledCache() {
    return GoPeers.buildDir().resolve("wasm-compiled");
  }

  private static void build() {
    Path module = Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath().resolve("src/test/go");
    Path go = GoPeers.goToolchain();
    if (go == null) {
      failure = "no Go toolchain: install Go ≥ 1.24 to build the WASM test plugin";
      return;
    }
    try {
      Path out = Files.createDirectories(GoPeers.buildDir().resolve("go-wasm"));
      Path target = out.resolve("wasmplugin-" + sourceHash(module) + ".wasm");
      if (Files.isRegularFile(target)) {
        built = target;
        return;
      }
      Path tmp = Files.createTempFile(out, "build-", ".wasm");
      Path log = out.resolve("build-" + ProcessHandle.current().pid() + ".log");
      ProcessBuilder pb = new ProcessBuilder(go.toString(), "build", "-buildvcs=false", "-buildmode=c-shared", "-o",
          tmp.toString(), "./cmd/wasmplugin").directory(module.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().put("GOOS", "wasip1");
      pb.environment().put("GOARCH", "wasm");
      Process p = pb.start();
      boolean done = p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
      }
      if (!done || p.exitValue() != 0) {
        Files.deleteIfExists(tmp);
        failure = "GOOS=wasip1 go build of cmd/wasmplugin " + (done ? "failed" : "timed out") + " in " + module + ":\n"
            + Files.readString(log);
        return;
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(log);
      built = target;
    } catch (IOException e) {
      failure = "cannot build the WASM test plugin in " + module + ": " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted while building the WASM test plugin";
    }
  }

  /** SHA-256 over the module's Go sources (tests excluded), go.mod and go.sum, by path. */
  static String sourceHash(Path module) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(module)) {
      files = walk.filter(Files::isRegularFile).filter(f -> {
        String n = f.getFileName().toString();
        return (n.endsWith(".go") && !n.endsWith("_test.go")) || n.equals("go.mod") || n.equals("go.sum");
      }).sorted().toList();
    }
    for (Path f : files) {
      sha.update(module.relativize(f).toString().replace(File.separatorChar, '/').getBytes());
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }
}
