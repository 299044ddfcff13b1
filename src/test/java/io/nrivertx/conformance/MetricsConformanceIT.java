package io.nrivertx.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.metrics.OpsMetrics;
import io.nrivertx.testing.GoPeers;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * containerd's four NRI series, side by side: the same scenarios (the corpus and a few random
 * ones) on nri-vertx, scraped and parsed with Prometheus' own text parser (src/test/go/cmd/promparse),
 * and on the official adaptation, whose Metrics interface refrunner records. Every invocation,
 * latency observation count, adjustment count and the active-plugin gauge must agree, series by
 * series (labels plugin, operation, status, error, type as containerd writes them).
 */
class MetricsConformanceIT {
  private static final int RANDOM = Integer.getInteger("conformance.metrics.count", 10);
  private static final long SEED = Long.getLong("conformance.metrics.seed", 9_000);
  private static Vertx vertx;
  private static JavaSide javaSide;
  private static RefRunner go;
  private static final AtomicReference<OpsMetrics> metrics = new AtomicReference<>();
  private static final AtomicReference<String> scraped = new AtomicReference<>();
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createDirectories(GoPeers.buildDir().resolve("metrics-conformance"));
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    javaSide = new JavaSide(vertx, () -> {
      OpsMetrics m = new OpsMetrics(new MetricsOptions());
      metrics.set(m);
      return m.observer();
    }, rt -> scraped.set(metrics.get().scrape()));
    go = new RefRunner(GoPeers.binDir(), work.resolve("refrunner.log")).recordMetrics();
  }

  @AfterAll
  static void stop() throws Exception {
    if (go != null) {
      go.close();
    }
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void containerdsSeriesAgreeWithTheOfficialAdaptation() throws Exception {
    List<ConformanceCase> cases = new ArrayList<>(ConformanceMain.corpus(Path.of(System.getProperty("nri.project.dir",
        "."))));
    for (int i = 0; i < RANDOM; i++) {
      cases.add(ScenarioGenerator.generate(SEED + i, 0));
    }
    List<String> problems = new ArrayList<>();
    Path sockets = Files.createTempDirectory("nri-metrics-");
    int n = 0;
    for (ConformanceCase c : cases) {
      Path dir = Files.createDirectories(work.resolve("runs").resolve(c.name()));
      Path scenario = Files.writeString(dir.resolve("scenario.yaml"), c.scenarioFile().encodePrettily());
      scraped.set(null);
      Outcome j = javaSide.run(c, scenario, Files.createDirectories(dir.resolve("nri-vertx")),
          sockets.resolve(++n + "-vertx.sock"));
      Outcome g = go.run(c, scenario, Files.createDirectories(dir.resolve("go")), sockets.resolve(n + "-go.sock"));
      if (j.failure() != null || g.failure() != null || scraped.get() == null || go.lastMetrics() == null) {
        problems.add(c.name() + ": a run failed: nri-vertx " + j.failure() + ", go " + g.failure());
        continue;
      }
      Files.writeString(dir.resolve("nri-vertx/metrics.txt"), scraped.get());
      Files.writeString(dir.resolve("go/metrics.json"), go.lastMetrics().encodePrettily());
      problems.addAll(SeriesDiff.compare(c.name(), PromParse.parse(scraped.get()), go.lastMetrics()));
    }
    problems.forEach(System.out::println);
    assertTrue(problems.isEmpty(), problems.size() + " differences (runs kept under " + work + "):\n"
        + String.join("\n", problems));
  }

  /** The scrape parsed by Prometheus' text parser (cmd/promparse), as JSON. */
  static final class PromParse {
    static JsonObject parse(String exposition) throws Exception {
      Process p = new ProcessBuilder(GoPeers.binDir().resolve("promparse").toString()).start();
      try (var in = p.getOutputStream()) {
        in.write(exposition.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes());
      String err = new String(p.getErrorStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("Prometheus' parser refused the scrape: " + err);
      }
      return new JsonObject(out);
    }
  }

  /** One family of the scrape against one list of refrunner's snapshot. */
  static final class SeriesDiff {
    static List<String> compare(String name, JsonObject scrape, JsonObject go) {
      List<String> out = new ArrayList<>();
      family(out, name, "invocations", values(scrape, "nri_plugin_invocations_total", "value"),
          values(go.getJsonArray("invocations")));
      family(out, name, "latency count", values(scrape, "nri_plugin_latency_seconds", "count"),
          values(go.getJsonArray("latencyCount")));
      family(out, name, "adjustments", values(scrape, "nri_plugin_adjustments_total", "value"),
          values(go.getJsonArray("adjustments")));
      double active = values(scrape, "nri_active_plugins_total", "value").getOrDefault("{}", 0.0);
      if (active != go.getInteger("activePlugins")) {
        out.add(name + ": active plugins: nri-vertx " + active + ", go " + go.getInteger("activePlugins"));
      }
      return out;
    }

    private static void family(List<String> out, String name, String what, Map<String, Double> mine,
                               Map<String, Double> go) {
      Set<String> keys = new TreeSet<>(mine.keySet());
      keys.addAll(go.keySet());
      for (String k : keys) {
        Double a = mine.get(k);
        Double b = go.get(k);
        if (a == null || !a.equals(b)) {
          out.add(name + ": " + what + " " + k + ": nri-vertx " + a + ", go " + b);
        }
      }
    }

    private static Map<String, Double> values(JsonObject scrape, String family, String field) {
      Map<String, Double> out = new TreeMap<>();
      JsonObject f = scrape.getJsonObject(family);
      if (f != null) {
        for (Object s : f.getJsonArray("series")) {
          JsonObject series = (JsonObject) s;
          out.put(new TreeMap<>(series.getJsonObject("labels").getMap()).toString()
              .replace(" ", ""), series.getDouble(field));
        }
      }
      return out;
    }

    private static Map<String, Double> values(JsonArray goSeries) {
      Map<String, Double> out = new TreeMap<>();
      for (Object s : goSeries) {
        JsonObject series = (JsonObject) s;
        out.put(new TreeMap<>(series.getJsonObject("labels").getMap()).toString().replace(" ", ""),
            series.getDouble("value"));
      }
      return out;
    }
  }
}
