package io.nrivertx.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks of {@code io.nrivertx.bench.jmh} in one forked JVM (the
 * classpath of this one) and returns one row per benchmark: name, score, error, unit.
 */
final class JmhSuite {
  private JmhSuite() {
  }

  static JsonArray run(boolean quick) throws RunnerException {
    Options opts = new OptionsBuilder()
        .include("io\\.nrivertx\\.bench\\.jmh\\..*")
        .forks(1)
        .warmupIterations(quick ? 2 : 5)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(opts).run();
    JsonArray rows = new JsonArray();
    for (RunResult r : results) {
      var primary = r.getPrimaryResult();
      String name = r.getParams().getBenchmark();
      rows.add(new JsonObject()
          .put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
          .put("score", primary.getScore())
          .put("error", primary.getScoreError())
          .put("unit", primary.getScoreUnit()));
    }
    return rows;
  }
}
