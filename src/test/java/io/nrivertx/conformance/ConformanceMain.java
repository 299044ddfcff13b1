package io.nrivertx.conformance;

import io.nrivertx.testing.GoPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bin/conformance}: runs random cases (and, on request, the hand-written corpus or saved
 * case files) through nri-vertx and the official Go adaptation and compares them. Prints every
 * difference with its seed as it happens, and ends with {@code conformance: N scenarios, D
 * differences} (D = scenarios that differed). Exit status 0 when D is 0 and every expectation of
 * the case files held on the Go adaptation, 1 otherwise, 2 for bad arguments.
 */
public final class ConformanceMain {
  private static final String USAGE = """
      usage: bin/conformance [--relay [--upstream V]] [--count N] [--seed S] [--plugins K] [--corpus] [--case FILE]...
                             [--wasm]
             bin/conformance --containerd [--version V]
        --relay      compare the Go adaptation with the nri-vertx relay in between (plugins behind it)
                     against the same adaptation with the plugins connected directly
        --upstream V the adaptation's NRI version for --relay: v0.12.5 (default), v0.6.1 or v0.3.0
        --count N    random scenarios to run (default 100; 0 with --corpus or --case)
        --seed S     seed of the first scenario; scenario i uses S+i (default: the current time)
        --plugins K  plugins per random scenario, 1-5 (default: 1-5 at random)
        --corpus     also run the hand-written corpus (src/test/resources/conformance)
        --case FILE  also run a case file (e.g. one saved under target/conformance/failures)
        --wasm       every plugin is the WASM test plugin, pre-installed on both runtimes (nri-vertx:
                     Chicory; Go adaptation: wazero); cases WASM cannot express are skipped
        --containerd plays the crictl scripts of src/test/resources/sidebyside on the CRI bench and on a
                     real containerd (root, unshare, cgroups) with the Go recorder and compares them
        --version V  the containerd release for --containerd (default v2.4.2)""";

  private ConformanceMain() {
  }

  public static void main(String[] args) {
    int count = -1;
    long seed = System.currentTimeMillis();
    int plugins = 0;
    boolean corpus = false;
    boolean relay = false;
    String upstream = Upstreams.CURRENT;
    boolean wasm = false;
    List<Path> files = new ArrayList<>();
    boolean containerd = false;
    String version = io.nrivertx.containerd.Binaries.CONTAINERD_VERSIONS.get(0);
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--count" -> count = Integer.parseInt(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--plugins" -> plugins = Integer.parseInt(args[++i]);
          case "--corpus" -> corpus = true;
          case "--wasm" -> wasm = true;
          case "--relay" -> relay = true;
          case "--upstream" -> upstream = args[++i];
          case "--case" -> files.add(Path.of(args[++i]));
          case "--containerd" -> containerd = true;
          case "--version" -> version = args[++i];
          case "-h", "--help" -> {
            System.out.println(USAGE);
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (plugins < 0 || plugins > 5 || count < -1) {
        throw new IllegalArgumentException("--plugins must be 1-5 and --count at least 0");
      }
      if (!Upstreams.VERSIONS.contains(upstream)) {
        throw new IllegalArgumentException("--upstream must be one of " + String.join(", ", Upstreams.VERSIONS));
      }
      if (!io.nrivertx.containerd.Binaries.CONTAINERD_VERSIONS.contains(version)) {
        throw new IllegalArgumentException("--version must be one of "
            + String.join(", ", io.nrivertx.containerd.Binaries.CONTAINERD_VERSIONS));
      }
      if (containerd && (relay || wasm || corpus || !files.isEmpty() || count >= 0)) {
        throw new IllegalArgumentException("--containerd takes only --version");
      }
      if (relay && wasm) {
        throw new IllegalArgumentException("--relay and --wasm cannot be combined");
      }
    } catch (RuntimeException e) {
      System.err.println("bin/conformance: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    if (containerd) {
      System.exit(sideBySide(version));
      return;
    }
    count = count >= 0 ? count : corpus || !files.isEmpty() ? 0 : 100;
    List<ConformanceCase> cases = new ArrayList<>();
    if (corpus) {
      cases.addAll(corpus(Path.of(System.getProperty("nri.project.dir", "."))));
    }
    files.forEach(f -> cases.add(ConformanceCase.load(f)));
    System.exit(run(cases, seed, count, plugins, wasm, relay ? upstream : null));
  }

  /** @param relay the upstream of the relay differential, or null */
  private static int run(List<ConformanceCase> given, long seed, int count, int plugins, boolean wasm, String relay) {
    List<ConformanceCase> fixed = new ArrayList<>();
    for (ConformanceCase c : given) {
      String problem = wasm ? WasmPlugins.problem(c) : null;
      if (problem == null) {
        fixed.add(wasm ? WasmPlugins.translate(c) : c);
      } else {
        System.out.println("skipped " + c.name() + " with --wasm: " + problem);
      }
    }
    System.out.println("conformance: " + fixed.size() + " case file(s), " + count + " random scenario(s) from seed "
        + seed + (plugins > 0 ? ", " + plugins + " plugin(s) each" : "") + (wasm ? ", WASM plugins" : "")
        + (relay != null ? ", relay against the Go adaptation " + relay : ""));
    int total = 0;
    int differing = 0;
    int wrongExpectations = 0;
    long javaMillis = 0;
    long goMillis = 0;
    long start = System.nanoTime();
    Path work = GoPeers.buildDir().resolve(relay != null ? "conformance-relay-" + relay
        : wasm ? "conformance-wasm" : "conformance");
    try (Conformance harness = relay != null ? Conformance.relay(work, relay) : new Conformance(work, wasm)) {
      for (int i = 0; i < fixed.size() + count; i++) {
        ConformanceCase c = i < fixed.size() ? fixed.get(i) : ScenarioGenerator.generate(seed + i - fixed.size(), plugins);
        c = wasm ? WasmPlugins.translate(c) : c;
        Conformance.CaseResult r = harness.check(c);
        total++;
        javaMillis += r.java().millis();
        goMillis += r.go().millis();
        if (!r.same()) {
          differing++;
          System.out.println(r.report(plugins));
        }
        for (String f : r.goExpectFailures()) {
          wrongExpectations++;
          System.out.println("EXPECTATION of " + c.name() + " does not hold on the Go adaptation: " + f);
        }
        if (total % 25 == 0) {
          System.out.printf("... %d scenarios, %d differing, %d s%n", total, differing,
              (System.nanoTime() - start) / 1_000_000_000L);
        }
      }
    }
    if (total > 0) {
      System.out.printf("per scenario: nri-vertx %d ms, Go adaptation %d ms (mean; both run at once)%n",
          javaMillis / total, goMillis / total);
    }
    System.out.println("conformance: " + total + " scenarios, " + differing + " differences");
    return differing == 0 && wrongExpectations == 0 ? 0 : 1;
  }

  private static int sideBySide(String version) {
    List<CriScript> scripts = SideBySide.scripts(Path.of(System.getProperty("nri.project.dir", ".")));
    System.out.println("conformance: " + scripts.size() + " crictl script(s) on the CRI bench and containerd " + version);
    List<SideBySide.Result> results = SideBySide.run(scripts, version);
    int differences = 0;
    for (SideBySide.Result r : results) {
      System.out.println(r.report());
      differences += r.differences().size();
    }
    System.out.println("(both runs, normalized: " + GoPeers.buildDir().resolve("sidebyside") + "/<script>/{bench,containerd}.json)");
    System.out.println("conformance: " + results.size() + " scenarios, " + differences + " differences");
    return differences == 0 ? 0 : 1;
  }

  /** The hand-written cases, in file-name order. */
  static List<ConformanceCase> corpus(Path projectDir) {
    Path dir = projectDir.resolve("src/test/resources/conformance");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(ConformanceCase::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
