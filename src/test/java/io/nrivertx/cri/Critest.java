package io.nrivertx.cri;

import io.nrivertx.testing.GoPeers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * critest, the CRI conformance suite of cri-tools (the release pinned in src/test/go/critest/go.mod),
 * built with {@code go test -c} from the Go module proxy on first use and cached by version under
 * {@code ${nri.build.dir}/go-bin/critest-<version>} (a directory that exists is a finished build:
 * it is filled privately and renamed into place, as the build takes minutes). Without a Go
 * toolchain the calling test is skipped (fails when CI=true).
 */
final class Critest {
  static final String VERSION = "v1.37.0";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

  private Critest() {
  }

  /** One spec of a run: where it sits in the suite, its text, and how it ended. */
  record Spec(String container, String text, String state, String message) {
    String name() {
      return container + " " + text;
    }
  }

  /** What one run printed and the specs its JSON report lists (only {@code It} nodes). */
  record Run(int exit, String output, List<Spec> specs) {
    List<Spec> in(String state) {
      return specs.stream().filter(s -> s.state.equals(state)).toList();
    }
  }

  /**
   * Runs critest against the CRI endpoint at {@code criSocket} with {@code args} added (focus,
   * skip, {@code -nri-socket}), writing its report and output into {@code dir}.
   */
  static Run run(Path criSocket, Path dir, Duration timeout, String... args) {
    Path bin = binary();
    Path report = dir.resolve("critest-report.json");
    Path out = dir.resolve("critest.out");
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-runtime-endpoint", "unix://" + criSocket,
        "-image-endpoint", "unix://" + criSocket, "-ginkgo.no-color", "-ginkgo.json-report=" + report));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      try {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("critest did not finish in " + timeout + "; its output is in " + out);
        }
      } finally {
        p.descendants().forEach(ProcessHandle::destroyForcibly); // the NRI stubs it may have left
        p.destroyForcibly().waitFor();
      }
      String output = Files.readString(out);
      if (!Files.exists(report)) {
        throw new AssertionError("critest wrote no report (exit " + p.exitValue() + "):\n" + output);
      }
      return new Run(p.exitValue(), output, specs(new JsonArray(Files.readString(report))));
    } catch (IOException e) {
      throw new AssertionError("cannot run critest", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running critest", e);
    }
  }

  private static List<Spec> specs(JsonArray suites) {
    List<Spec> specs = new ArrayList<>();
    for (Object suite : suites) {
      JsonArray reports = ((JsonObject) suite).getJsonArray("SpecReports", new JsonArray());
      for (Object o : reports) {
        JsonObject r = (JsonObject) o;
        if (!"It".equals(r.getString("LeafNodeType"))) {
          continue;
        }
        JsonArray containers = r.getJsonArray("ContainerHierarchyTexts", new JsonArray());
        JsonObject failure = r.getJsonObject("Failure", new JsonObject());
        specs.add(new Spec(String.join(" ", containers.stream().map(String::valueOf).toList()),
            r.getString("LeafNodeText", ""), r.getString("State", "?"), failure.getString("Message", "")));
      }
    }
    return specs;
  }

  static synchronized Path binary() {
    Path dir = GoPeers.buildDir().resolve("go-bin").resolve("critest-" + VERSION);
    Path bin = dir.resolve("critest");
    if (Files.isExecutable(bin)) {
      return bin;
    }
    Path go = GoPeers.goToolchain();
    if (go == null) {
      String why = "no Go toolchain: install Go >= 1.26 to build critest for CritestIT";
      if (!"true".equals(System.getenv("CI"))) {
        Assumptions.abort(why);
      }
      throw new AssertionError(why);
    }
    Path module = Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath().resolve("src/test/go/critest");
    Path tmp = null;
    try {
      Files.createDirectories(dir.getParent());
      tmp = Files.createTempDirectory(dir.getParent(), "critest.build-");
      Path log = dir.getParent().resolve("critest-" + VERSION + ".build.log");
      Process p = new ProcessBuilder(go.toString(), "test", "-c", "-buildvcs=false", "-o",
          tmp.resolve("critest").toString(), "-ldflags", "-X sigs.k8s.io/cri-tools/pkg/version.Version=" + VERSION,
          "sigs.k8s.io/cri-tools/cmd/critest").directory(module.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        throw new AssertionError("building critest took longer than " + BUILD_TIMEOUT + "; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("building critest failed in " + module + ":\n" + Files.readString(log));
      }
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } catch (IOException e) {
        if (!Files.isExecutable(bin)) { // else another JVM finished the same build first
          throw e;
        }
      }
      return bin;
    } catch (IOException e) {
      throw new AssertionError("cannot build critest: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while building critest", e);
    } finally {
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) { // a leftover temporary directory is harmless
        }
      }
    }
  }
}
