package io.nrivertx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.GoPeers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps bin/bench from rotting: tiny cases through both runners (benchrunner on the official Go
 * adaptation, and BenchRun on nri-vertx) must produce well-formed results, and the report, chart
 * and targets must be built from them. It asserts shapes, never timings.
 */
class BenchHarnessIT {
  private static final Path REQUEST = Path.of(System.getProperty("nri.project.dir", "."))
      .resolve("src/test/go/cmd/benchrunner/request.json");

  @TempDir
  Path work;

  private Runners runners() {
    return new Runners(GoPeers.binDir(), Path.of(System.getProperty("java.home"), "bin", "java"), List.of(),
        System.getProperty("java.class.path"), REQUEST, work);
  }

  @Test
  void bothRuntimesRunTinyCasesAndTheReportIsBuilt() throws Exception {
    Runners runners = runners();
    Results results = new Results();
    List<BenchCase> cases = List.of(
        new BenchCase("floor", "floor", List.of("-case", "floor", "-warmup", "20", "-events", "50")),
        new BenchCase("create-1", "create", List.of("-case", "create", "-plugins", "1", "-warmup", "20",
            "-events", "50")),
        new BenchCase("create-3", "create", List.of("-case", "create", "-plugins", "3", "-warmup", "20",
            "-events", "50")),
        new BenchCase("relay-create-3", "relay", List.of("-case", "relay-create", "-plugins", "3", "-warmup", "20",
            "-events", "50")),
        new BenchCase("lifecycle-8", "lifecycle", List.of("-case", "lifecycle", "-plugins", "2", "-clients", "8",
            "-warmup", "8", "-pods", "16")),
        new BenchCase("sync-1000", "sync", List.of("-case", "sync", "-plugins", "2", "-containers", "100")),
        new BenchCase("memory", "memory", List.of("-case", "memory", "-plugins", "2", "-pods", "10",
            "-containers", "50")));
    for (BenchCase c : cases) {
      for (String rt : List.of(Runners.GO, Runners.JAVA)) {
        JsonObject r = runners.run(rt, c, 0);
        assertEquals(rt, r.getString("runtime"), r::encode);
        results.add(c.id(), rt, r);
      }
    }
    for (String rt : List.of(Runners.GO, Runners.JAVA)) {
      for (String id : List.of("floor", "create-1", "create-3", "relay-create-3")) {
        double p50 = results.median(id, rt, "p50Us");
        assertTrue(p50 > 0 && p50 <= results.median(id, rt, "p99Us"), id + " " + rt + ": p50 " + p50);
        double p999 = results.median(id, rt, "p999Us");
        assertTrue(p999 >= results.median(id, rt, "p99Us") && p999 <= results.median(id, rt, "maxUs"),
            id + " " + rt + ": p99.9 " + p999);
        assertEquals(50, results.median(id, rt, "events"), id + " " + rt);
      }
      assertTrue(results.median("lifecycle-8", rt, "podsPerSec") > 0, rt);
      assertEquals(2, results.median("sync-1000", rt, "registered"), rt);
      assertEquals(100, results.median("sync-1000", rt, "containers"), rt);
      assertEquals(50, results.median("memory", rt, "containers"), rt);
      assertTrue(results.median("memory", rt, "heapMiB") > 0, rt);
    }

    JsonObject run = new JsonObject().put("quick", true).put("rounds", 1).put("date", "now").put("cpu", "cpu")
        .put("memory", "mem").put("kernel", "k").put("jdk", "jdk").put("go", "go").put("loadStart", "0")
        .put("loadEnd", "0").put("warmup", 20).put("events", 50);
    List<Targets> targets = Targets.evaluate(results);
    String md = Report.markdown(results, run, targets, new JsonArray());
    assertTrue(md.contains("| create-1 | CreateContainer, 1 plugin(s), p50 (µs) |"), md);
    assertTrue(md.strip().endsWith("targets met: " + targets.stream().filter(Targets::met).count() + " of "
        + targets.size()), md);
    assertTrue(md.contains("| create-1 | CreateContainer, 1 plugin(s), p99.9 (µs) |"), md);
    // 9 of CreateContainer latency, WASM, relay, per-plugin overhead, 2 of throughput, 2 of
    // Synchronize, heap, RSS, start-up and 3 of hardening.
    assertEquals(22, targets.size());
    assertTrue(md.contains("| relay-create-3 |"), md);
    assertFalse(targets.stream().filter(t -> t.name().contains("behind the relay"))
        .anyMatch(t -> Double.isNaN(t.measured())), "the relay ratio must be computed");
    assertFalse(targets.stream().filter(t -> t.name().startsWith("CreateContainer p50, 1 "))
        .anyMatch(t -> Double.isNaN(t.measured())), "create-1 ratio must be computed");
    Path png = work.resolve("chart.png");
    Chart.write(results, png);
    assertNotNull(ImageIO.read(png.toFile()), "the chart is a readable PNG");
    assertTrue(Files.size(png) > 1000);
  }

  @Test
  void hardeningCasesRunTinyAndReport() throws Exception {
    Path jar = GoPeers.buildDir().resolve("nri-vertx.jar");
    JsonObject h = new Hardening(Path.of(System.getProperty("java.home"), "bin", "java"), jar, work)
        .measure(new Hardening.Sizes(30, 4, 2, 1, 6, 50));
    assertEquals(30, h.getJsonObject("churn").getInteger("cycles"));
    assertTrue(h.getJsonObject("churn").getLong("journalBytes") > 0, h::encode);
    assertEquals(8, h.getJsonObject("restart").getInteger("containers"));
    assertTrue(h.getJsonObject("restart").getDouble("rssMiB") > 0, h::encode);
    for (String kind : List.of("unregistered", "registered")) {
      assertEquals(6, h.getJsonObject("attacks").getJsonObject(kind).getInteger("closed"), h::encode);
    }
    Results results = new Results();
    results.hardening(h);
    assertEquals(30, results.hardening("churn", "cycles"));
    String md = Report.markdown(results, new JsonObject().put("quick", true).put("rounds", 1), Targets.evaluate(results),
        new JsonArray());
    assertTrue(md.contains("## Hardening (issue 13, nri-vertx only)") && md.contains("| restart on it (median) |"), md);
  }
}
