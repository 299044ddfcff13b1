package io.nrivertx.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoWasm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/conformance --wasm} in the suite: the corpus cases a WASM plugin can express, and
 * random scenarios (-Dconformance.wasm.count, default 50; -Dconformance.wasm.plugins caps the
 * plugins of each, default 1, because the Go adaptation compiles each WASM plugin anew for every
 * scenario, seconds each), every plugin the project's WASM test plugin on both runtimes.
 */
class ConformanceWasmIT {
  private static final int COUNT = Integer.getInteger("conformance.wasm.count", 50);
  private static final int PLUGINS = Integer.getInteger("conformance.wasm.plugins", 1);
  private static final long SEED = Long.getLong("conformance.seed", 20_251_128L);

  private static Conformance harness;

  @BeforeAll
  static void start() {
    GoPeers.binDir();
    GoWasm.plugin();
    harness = new Conformance(GoPeers.buildDir().resolve("conformance-wasm"), true);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void corpusWithWasmPluginsIsIdentical() {
    List<String> problems = new ArrayList<>();
    int run = 0;
    for (ConformanceCase c : ConformanceMain.corpus(Path.of(System.getProperty("nri.project.dir", ".")))) {
      if (WasmPlugins.problem(c) != null) {
        continue;
      }
      run++;
      Conformance.CaseResult r = harness.check(WasmPlugins.translate(c));
      if (!r.same()) {
        problems.add(r.report(0));
      }
      r.goExpectFailures().forEach(f -> problems.add("expectation of " + c.name() + " failed on Go: " + f));
    }
    problems.forEach(System.out::println);
    assertTrue(run >= 10, "only " + run + " corpus cases are expressible with WASM plugins");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void randomScenariosWithWasmPluginsAreIdentical() {
    List<String> reports = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < COUNT; i++) {
      // 1..PLUGINS plugins, chosen by the seed so that a report's replay line reproduces it.
      int plugins = 1 + (int) Math.floorMod(SEED + i, (long) PLUGINS);
      Conformance.CaseResult r = harness.check(WasmPlugins.translate(ScenarioGenerator.generate(SEED + i, plugins)));
      if (!r.same()) {
        reports.add(r.report(plugins));
        System.out.println(r.report(plugins));
      }
    }
    System.out.printf("conformance: %d scenarios, %d differences (WASM plugins, seeds %d..%d, %d s)%n", COUNT,
        reports.size(), SEED, SEED + COUNT - 1, (System.nanoTime() - start) / 1_000_000_000L);
    assertTrue(reports.isEmpty(), reports.size() + " of " + COUNT + " random scenarios differ:\n"
        + String.join("\n", reports));
  }
}
