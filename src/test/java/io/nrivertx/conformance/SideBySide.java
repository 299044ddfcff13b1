package io.nrivertx.conformance;

import io.nrivertx.containerd.Containerd;
import io.nrivertx.containerd.ContainerdOptions;
import io.nrivertx.testing.GoPeers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The side-by-side run (docs/cri.md, "Side by side with containerd"): every crictl script of
 * src/test/resources/sidebyside is played on the CRI bench and on a real containerd (the harness
 * of docs/containerd-harness.md), each with the Go recorder plugin, and the two runs are compared
 * field by field after {@link SideBySideNormalizer}.
 */
final class SideBySide {
  /** What one script gave: its differences (empty: none), and both normalized runs for a report. */
  record Result(String script, List<JsonDiff.Diff> differences, JsonObject bench, JsonObject containerd) {
    String report() {
      StringBuilder b = new StringBuilder("side by side " + script + ": " + differences.size() + " difference(s)");
      differences.forEach(d -> b.append("\n  ").append(d.describe("bench", "containerd"))
          .append(KnownDifferences.why(d).isPresent() ? "  (known)" : "  (NEW)"));
      return b.toString();
    }
  }

  private SideBySide() {
  }

  static List<CriScript> scripts(Path projectDir) {
    try (Stream<Path> files = Files.list(projectDir.resolve("src/test/resources/sidebyside"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(CriScript::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plays every script on one containerd of {@code version} and the bench. */
  static List<Result> run(List<CriScript> scripts, String version) {
    Path work = GoPeers.buildDir().resolve("sidebyside");
    List<Result> out = new ArrayList<>();
    try (Containerd containerd = Containerd.start(new ContainerdOptions().version(version))) {
      for (CriScript script : scripts) {
        out.add(run(script, containerd, work.resolve(script.name())));
      }
    }
    return out;
  }

  static Result run(CriScript script, Containerd containerd, Path dir) {
    deleteTree(dir);
    Path shared = dir.resolve("shared");
    CriScriptPlayer.Run bench;
    try (BenchSide side = new BenchSide(dir.resolve("bench-runtime"))) {
      bench = new CriScriptPlayer(script, dir.resolve("bench"), shared, containerd.cgroupParent()).play(side);
    }
    // The same log directories again, empty, for containerd.
    deleteTree(shared.resolve("logs"));
    CriScriptPlayer.Run real = new CriScriptPlayer(script, dir.resolve("containerd"), shared, containerd.cgroupParent())
        .play(new ContainerdSide(containerd));
    JsonObject a = SideBySideNormalizer.normalize(bench, Map.of("/run/nri-vertx", "/run/nri-vertx"));
    JsonObject b = SideBySideNormalizer.normalize(real, Map.of(containerd.rootDir().toString(), "/var/lib/containerd",
        containerd.stateDir().toString(), "/run/containerd"));
    List<JsonDiff.Diff> diffs = new ArrayList<>();
    compareEvents(a.getJsonArray("nri"), b.getJsonArray("nri"), diffs);
    JsonDiff.diff(a.getValue("steps"), b.getValue("steps"), "steps", diffs);
    JsonDiff.diff(a.getValue("containers"), b.getValue("containers"), "containers", diffs);
    write(dir.resolve("bench.json"), a);
    write(dir.resolve("containerd.json"), b);
    return new Result(script.name(), diffs, a, b);
  }

  /** The event sequences first; then, request by request, the requests that line up. */
  private static void compareEvents(JsonArray a, JsonArray b, List<JsonDiff.Diff> out) {
    List<Object> ea = a.stream().map(l -> (Object) ((JsonObject) l).getString("event")).toList();
    List<Object> eb = b.stream().map(l -> (Object) ((JsonObject) l).getString("event")).toList();
    if (!ea.equals(eb)) {
      out.add(new JsonDiff.Diff("nri (events)", new JsonArray(ea), new JsonArray(eb)));
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (ea.get(i).equals(eb.get(i))) {
        JsonDiff.diff(a.getValue(i), b.getValue(i), "nri[" + i + " " + ea.get(i) + "]", out);
      }
    }
  }

  private static void write(Path file, JsonObject o) {
    try {
      Files.writeString(file, o.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (Files.notExists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
