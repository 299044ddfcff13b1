package io.nrivertx.conformance;

import io.nrivertx.testing.GoPeers;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * The differential harness: plays each case on two {@link Side}s, each with fresh plugin
 * processes on its own socket, both at the same time, and compares the results. By default the
 * sides are nri-vertx (in this JVM) and the official Go adaptation (the refrunner process); with
 * {@link #relay} they are the Go adaptation with the nri-vertx relay in between and the same
 * adaptation with the plugins connected directly. A case with differences is saved under
 * {@code <work>/failures/} with both runs' files kept under {@code <work>/runs/}. Cases are checked
 * one at a time; close it to stop everything it started.
 */
public final class Conformance implements AutoCloseable {
  /** One case's verdict. {@code saved} is the case file written for a difference, else null. */
  public record CaseResult(ConformanceCase c, List<String> differences, Outcome java, Outcome go, Path saved,
                           String flags) {
    public boolean same() {
      return differences.isEmpty();
    }

    /**
     * Expectations of the case that did not hold on the Go adaptation (the authority): for a
     * hand-written case, a wrong expectation, whatever nri-vertx did.
     */
    public List<String> goExpectFailures() {
      return go.lines().stream().filter(l -> l.getString("expect", "ok").startsWith("failed"))
          .map(l -> "step " + l.getValue("step") + " " + l.getString("op") + ": " + l.getString("expect")
              + (l.getValue("error") != null ? " (error: " + l.getValue("error") + ")" : ""))
          .toList();
    }

    /** The differences with where to find and how to replay the case. */
    public String report(int plugins) {
      StringBuilder b = new StringBuilder("DIFFERENCE in case " + c.name());
      if (c.seed() != null) {
        b.append(" (seed ").append(c.seed()).append("; replay: bin/conformance").append(flags).append(" --seed ")
            .append(c.seed()).append(" --count 1").append(plugins > 0 ? " --plugins " + plugins : "").append(")");
      }
      b.append("\n  case saved to ").append(saved);
      differences.forEach(d -> b.append("\n  ").append(d));
      return b.toString();
    }
  }

  /** -Dconformance.keep=true keeps every run's directory, not only those of differing cases. */
  private static final boolean KEEP = Boolean.getBoolean("conformance.keep");

  private final Path work;
  private final Path sockets;
  private final Vertx vertx;
  private final Side java;
  private final Side go;
  private final BiPredicate<String, String> sameError;
  /** The bin/conformance flags that select this harness's sides ("" or " --relay --upstream V"). */
  private final String flags;
  private final String relayUpstream;
  private final ExecutorService javaThread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "conformance-java");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger counter = new AtomicInteger();
  private final ch.qos.logback.classic.Logger quiet =
      (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.nrivertx");
  private final ch.qos.logback.classic.Level level = quiet.getLevel();

  private final boolean wasm;
  private final ch.qos.logback.classic.Logger output = (ch.qos.logback.classic.Logger)
      org.slf4j.LoggerFactory.getLogger(io.nrivertx.plugin.wasm.impl.GuestModule.OUTPUT_LOGGER);
  private final ch.qos.logback.classic.Level outputLevel = output.getLevel();
  private final boolean outputToParents = output.isAdditive();

  /** Builds the Go binaries if needed (GoPeers) and starts the reference runner. */
  public Conformance(Path work) {
    this(work, false);
  }

  /**
   * @param wasm every case runs with its plugins as pre-installed WASM plugins (WasmPlugins):
   *     cases must be translated ({@link WasmPlugins#translate}) and expressible
   */
  public Conformance(Path work, boolean wasm) {
    this(work, null, wasm);
  }

  /**
   * The relay differential against the Go adaptation of {@code upstream} ("v0.12.5", "v0.6.1" or
   * "v0.3.0"): the plugins behind the relay ("relay") against the plugins connected directly
   * ("direct"), which is the authority.
   */
  public static Conformance relay(Path work, String upstream) {
    return new Conformance(work, upstream, false);
  }

  private Conformance(Path work, String relayUpstream, boolean wasm) {
    this.wasm = wasm;
    this.work = work;
    this.relayUpstream = relayUpstream;
    Path bin = GoPeers.binDir();
    // Hundreds of runtimes come and go: keep nri-vertx's per-plugin INFO and WARNING lines out.
    quiet.setLevel(ch.qos.logback.classic.Level.ERROR);
    try {
      Files.createDirectories(work.resolve("runs"));
      sockets = Files.createTempDirectory("nri-conformance-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    if (relayUpstream == null) {
      java = new JavaSide(vertx, wasm);
      if (wasm) {
        // The guests' lines arrive as plugin output at INFO; keep them for the comparison, off the console.
        output.setLevel(ch.qos.logback.classic.Level.INFO);
        output.setAdditive(false);
      }
      go = new RefRunner(bin, work.resolve("refrunner.log"));
      sameError = Normalizer::equivalentErrors;
      flags = wasm ? " --wasm" : "";
    } else {
      flags = " --relay --upstream " + relayUpstream;
      java = new RelaySide(vertx, Upstreams.runner(relayUpstream, bin, vertx, work.resolve("relay-upstream.log")));
      go = Upstreams.direct(relayUpstream, bin, vertx, work.resolve("direct-upstream.log"));
      boolean old = !relayUpstream.equals(Upstreams.CURRENT);
      sameError = (relay, direct) -> RelayNormalizer.equivalentErrors(relay, direct, old);
    }
  }

  public CaseResult check(ConformanceCase original) {
    ConformanceCase c = relayUpstream == null ? original : Upstreams.adapt(original, relayUpstream);
    int n = counter.incrementAndGet();
    Path dir = work.resolve("runs").resolve(c.name());
    try {
      delete(dir);
      Files.createDirectories(dir.resolve(java.name()));
      Files.createDirectories(dir.resolve(go.name()));
      Path scenario = dir.resolve("scenario.yaml");
      Files.writeString(scenario, c.scenarioFile().encodePrettily());
      CompletableFuture<Outcome> javaRun = CompletableFuture.supplyAsync(
          () -> java.run(c, scenario, dir.resolve(java.name()), sockets.resolve(n + "-a.sock")), javaThread);
      Outcome goRun = wasm ? ((RefRunner) go).run(c, scenario, dir.resolve(go.name()), sockets.resolve(n + "-b.sock"), true)
          : go.run(c, scenario, dir.resolve(go.name()), sockets.resolve(n + "-b.sock"));
      Outcome javaOutcome = javaRun.join();
      if (relayUpstream != null) {
        javaOutcome = RelayNormalizer.outcome(javaOutcome, goRun);
        if (!relayUpstream.equals(Upstreams.CURRENT)) {
          javaOutcome = RelayNormalizer.withoutDeviceRules(javaOutcome);
          goRun = RelayNormalizer.withoutDeviceRules(goRun);
        }
      }
      writeLines(dir.resolve(java.name()).resolve("lines.jsonl"), javaOutcome);
      writeLines(dir.resolve(go.name()).resolve("lines.jsonl"), goRun);
      List<String> diffs = Differ.compare(javaOutcome, goRun, java.name(), go.name(), sameError);
      Path saved = null;
      if (diffs.isEmpty()) {
        if (!KEEP) {
          delete(dir);
        }
      } else {
        saved = work.resolve("failures").resolve(c.name() + (wasm ? "-wasm" : "") + ".yaml");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, "# " + String.join("\n", diffs).replace("\n", "\n# ") + "\n"
            + c.toJson().encodePrettily() + "\n");
      }
      return new CaseResult(c, diffs, javaOutcome, goRun, saved, flags);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeLines(Path file, Outcome o) throws IOException {
    StringBuilder b = new StringBuilder();
    o.lines().forEach(l -> b.append(l.encode()).append('\n'));
    if (o.failure() != null) {
      b.append(new JsonObject().put("failure", o.failure()).encode()).append('\n');
    }
    Files.writeString(file, b);
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Override
  public void close() {
    quiet.setLevel(level);
    output.setLevel(outputLevel);
    output.setAdditive(outputToParents);
    try {
      go.close();
      java.close();
    } finally {
      javaThread.shutdownNow();
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        delete(sockets);
      } catch (Exception e) {
        throw new IllegalStateException("cannot close the conformance harness cleanly", e);
      }
    }
  }
}
