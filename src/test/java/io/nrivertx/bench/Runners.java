package io.nrivertx.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the two runtimes' case runners as child processes: benchrunner (Go, official adaptation)
 * and a JVM running {@link BenchRun} (nri-vertx). Each prints one JSON line; its stderr goes to
 * a log file in the work directory, named in any error.
 *
 * @param goBin directory holding benchrunner, adjuster and recorder
 * @param java the java launcher, started with the shipped flags ({@link ShippedJvmFlags}); {@code javaOpts}
 *     are extra JVM flags after them (BENCH_JAVA_OPTS, e.g. JFR, or a flag to try)
 * @param classpath the test classpath holding {@link BenchRun}
 * @param request the shared CreateContainerRequest fixture (protojson)
 * @param work directory for logs
 */
record Runners(Path goBin, Path java, List<String> javaOpts, String classpath, Path request, Path work) {
  static final String GO = "go";
  static final String JAVA = "nri-vertx";
  private static final long TIMEOUT_MINUTES = 15;

  JsonObject run(String runtime, BenchCase c, int round) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (runtime.equals(GO)) {
      cmd.add(goBin.resolve("benchrunner").toString());
    } else {
      cmd.add(java.toString());
      cmd.add("--enable-native-access=ALL-UNNAMED");
      cmd.addAll(ShippedJvmFlags.read());
      if (c.id().startsWith("wasm-")) {
        cmd.addAll(BenchCase.WASM_JVM_FLAGS);
      }
      cmd.addAll(javaOpts);
      cmd.addAll(List.of("-cp", classpath, BenchRun.class.getName()));
    }
    cmd.addAll(c.args());
    cmd.addAll(List.of("-wasm", goBin.resolve("wasmplugin.wasm").toString(),
        "-wasmCache", work.resolve("wasm-compiled").toString()));
    cmd.addAll(List.of("-adjuster", goBin.resolve("adjuster").toString(),
        "-recorder", goBin.resolve("recorder").toString(), "-request", request.toString()));
    if (runtime.equals(JAVA)) {
      cmd.addAll(List.of("-peer", goBin.resolve("benchrunner").toString()));
    }
    Path log = work.resolve(c.id() + "-" + runtime + "-" + round + ".log");
    Path out = work.resolve(c.id() + "-" + runtime + "-" + round + ".json");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      throw new IOException(runtime + " " + c.id() + " did not finish within " + TIMEOUT_MINUTES + " min; see " + log);
    }
    List<String> lines = Files.readAllLines(out);
    if (p.exitValue() != 0 || lines.isEmpty()) {
      throw new IOException(runtime + " " + c.id() + " failed (exit " + p.exitValue() + "); see " + log);
    }
    return new JsonObject(lines.get(lines.size() - 1));
  }
}
