package io.nrivertx.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/bench}'s driver: runs every case of {@link BenchCase#plan} against both runtimes,
 * alternating, then start-up and the JMH suite; writes docs/benchmarks.md, its chart and the raw
 * JSON, prints the table and ends with "targets met: X of Y". Flags (bin/bench passes them):
 * {@code -quick true|false -goBin DIR -jar FILE -docs DIR -work DIR}; optional {@code -only
 * id,id} (cases to run, for profiling: the report then goes to the work directory, not docs),
 * {@code -jmh false} and {@code -waitLoad L} (wait until the 1-minute load average is below L
 * before measuring). Extra JVM flags for the nri-vertx runners come from BENCH_JAVA_OPTS (e.g. a
 * JFR recording).
 */
public final class Bench {
  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = BenchRun.flags(args);
    boolean quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
    Path goBin = Path.of(o.get("goBin"));
    Path work = Files.createDirectories(Path.of(o.get("work")));
    Set<String> only = o.containsKey("only") ? Set.of(o.get("only").split(",")) : null;
    Path docs = only == null ? Path.of(o.get("docs")) : work;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path request = Path.of(o.getOrDefault("request", "src/test/go/cmd/benchrunner/request.json")).toAbsolutePath();
    String opts = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").trim();
    Runners runners = new Runners(goBin, java, opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+")),
        System.getProperty("java.class.path"), request, work);
    int rounds = quick ? 1 : 3;
    if (o.containsKey("waitLoad")) {
      waitForLoad(Double.parseDouble(o.get("waitLoad")));
    }
    JsonObject run = new JsonObject().put("quick", quick).put("rounds", rounds)
        .put("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .put("cpu", Machine.cpu()).put("memory", Machine.memory()).put("kernel", Machine.kernel())
        .put("jdk", Machine.jdk(java)).put("go", Machine.go(goBin)).put("loadStart", Machine.loadAverage())
        .put("warmup", BenchCase.warmup(quick)).put("events", BenchCase.events(quick));
    System.out.println("bench: " + (quick ? "quick" : "full") + " run, load average " + run.getString("loadStart")
        + "; logs in " + work);

    Results results = new Results();
    for (BenchCase c : BenchCase.plan(quick)) {
      if (only != null && !only.contains(c.id())) {
        continue;
      }
      for (int round = 0; round < rounds; round++) {
        List<String> order = round % 2 == 0 ? List.of(Runners.GO, Runners.JAVA) : List.of(Runners.JAVA, Runners.GO);
        for (String rt : order) {
          JsonObject res = runners.run(rt, c, round);
          results.add(c.id(), rt, res);
          System.out.println("  " + c.id() + " round " + (round + 1) + " " + rt + ": " + res.encode());
        }
      }
    }
    if (only == null || only.contains("startup")) {
      results.startup(new Startup(java, Path.of(o.get("jar")), goBin, work).measure(quick ? 3 : 7));
      System.out.println("  startup: " + results.toJson().getJsonObject("startupMillis").encode());
    }
    if (only == null || only.contains("hardening")) {
      results.hardening(new Hardening(java, Path.of(o.get("jar")), work).measure(quick));
    }
    JsonArray jmh = "false".equals(o.get("jmh")) || only != null ? new JsonArray() : JmhSuite.run(quick);
    run.put("loadEnd", Machine.loadAverage());

    List<Targets> targets = Targets.evaluate(results);
    Files.createDirectories(docs);
    Chart.write(results, docs.resolve("benchmarks-latency.png"));
    Files.writeString(docs.resolve("benchmarks.md"), Report.markdown(results, run, targets, jmh));
    Files.writeString(work.resolve("results.json"), results.toJson().put("run", run).put("jmh", jmh)
        .encodePrettily());
    System.out.println();
    System.out.print(Report.table(results));
    for (Targets t : targets) {
      System.out.println((t.met() ? "  met      " : "  NOT MET  ") + t.name() + ": " + Results.fmt(t.measured())
          + ("×".equals(t.unit()) ? "×" : " " + t.unit()) + " (bound " + t.bound() + ")");
    }
    System.out.println("load average at the end: " + run.getString("loadEnd") + "; report: "
        + docs.resolve("benchmarks.md"));
    System.out.println("targets met: " + targets.stream().filter(Targets::met).count() + " of " + targets.size());
  }

  /** Polls every 10 s until the 1-minute load average is below {@code limit} (others' builds skew every figure). */
  private static void waitForLoad(double limit) throws Exception {
    for (double load = Machine.load1(); load >= limit; load = Machine.load1()) {
      System.out.println("bench: load average " + load + ", waiting for it to fall below " + limit + " ...");
      Thread.sleep(10_000);
    }
  }
}
