package io.nrivertx.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.GoPeers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential proof: the hand-written corpus (src/test/resources/conformance) and at least
 * 300 random scenarios give the same JSON lines and the same plugin traffic on nri-vertx and on
 * the official Go adaptation (src/test/go/cmd/refrunner). Each difference is printed with the
 * case's seed, the step and both values; the case file is saved under
 * {@code ${nri.build.dir}/conformance/failures}. {@code -Dconformance.count=N} and
 * {@code -Dconformance.seed=S} change the random part; bin/conformance runs the same harness.
 */
class ConformanceIT {
  private static final int COUNT = Integer.getInteger("conformance.count", 300);
  private static final long SEED = Long.getLong("conformance.seed", 20_251_128L);

  private static Conformance harness;

  @BeforeAll
  static void start() {
    GoPeers.binDir(); // skips (or fails with CI=true) without a Go toolchain
    harness = new Conformance(GoPeers.buildDir().resolve("conformance"));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void corpusIsIdenticalAndMeetsItsExpectations() {
    List<String> problems = new ArrayList<>();
    Path project = Path.of(System.getProperty("nri.project.dir", "."));
    for (ConformanceCase c : ConformanceMain.corpus(project)) {
      Conformance.CaseResult r = harness.check(c);
      if (!r.same()) {
        problems.add(r.report(0));
      }
      r.goExpectFailures().forEach(f -> problems.add("expectation of " + c.name() + " failed on Go: " + f));
    }
    problems.forEach(System.out::println);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void randomScenariosAreIdentical() {
    List<String> reports = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < COUNT; i++) {
      Conformance.CaseResult r = harness.check(ScenarioGenerator.generate(SEED + i, 0));
      if (!r.same()) {
        reports.add(r.report(0));
        System.out.println(r.report(0));
      }
    }
    System.out.printf("conformance: %d scenarios, %d differences (seeds %d..%d, %d s)%n", COUNT, reports.size(),
        SEED, SEED + COUNT - 1, (System.nanoTime() - start) / 1_000_000_000L);
    assertTrue(reports.isEmpty(), reports.size() + " of " + COUNT + " random scenarios differ:\n"
        + String.join("\n", reports));
  }
}
