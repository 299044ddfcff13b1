package io.nrivertx.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One bench case, run the same way against both runtimes: {@code args} are the flags both
 * benchrunner (Go) and {@link BenchRun} take.
 *
 * @param id stable key in the report, e.g. "create-3"
 * @param title what the case measures, for the table
 * @param args the case's flags
 */
record BenchCase(String id, String title, List<String> args) {
  /**
   * What a runtime with WASM plugins needs beyond the shipped flags (docs/wasm.md): heap and
   * metaspace for a 10 MB module parsed and compiled to bytecode, and C2 for that bytecode.
   */
  static final List<String> WASM_JVM_FLAGS = List.of("-Xmx1g", "-XX:MaxMetaspaceSize=512m",
      "-XX:ReservedCodeCacheSize=240m", "-XX:TieredStopAtLevel=4");

  /** The plan of {@code bin/bench}; quick mode measures fewer events, pods and rounds. */
  static List<BenchCase> plan(boolean quick) {
    int warmup = warmup(quick);
    int events = events(quick);
    List<BenchCase> cases = new ArrayList<>();
    cases.add(new BenchCase("floor", "ttrpc round trip over a socketpair (floor)",
        List.of("-case", "floor", "-warmup", str(warmup), "-events", str(events))));
    for (int plugins : new int[] {1, 3, 10}) {
      cases.add(new BenchCase("create-" + plugins, "CreateContainer through " + plugins + " plugin"
          + (plugins > 1 ? "s" : ""), List.of("-case", "create", "-plugins", str(plugins),
          "-warmup", str(warmup), "-events", str(events))));
    }
    cases.add(new BenchCase("wasm-create-1", "CreateContainer through 1 WASM plugin (in-process: Chicory / wazero)",
        List.of("-case", "wasm-create", "-plugins", "1", "-warmup", str(warmup), "-events", str(events))));
    cases.add(new BenchCase("relay-create-3", "CreateContainer through the Go adaptation and 3 plugins: "
        + "directly (Go) and behind the nri-vertx relay (nri-vertx)", List.of("-case", "relay-create", "-plugins", "3",
        "-warmup", str(warmup), "-events", str(events))));
    for (int clients : new int[] {1, 8}) {
      cases.add(new BenchCase("lifecycle-" + clients, "pod lifecycle, " + clients + " client"
          + (clients > 1 ? "s" : "") + " (2 adjusters + 1 observer)", List.of("-case", "lifecycle",
          "-plugins", "2", "-clients", str(clients), "-warmup", quick ? "100" : "300",
          "-pods", quick ? "300" : "1500")));
    }
    for (int containers : new int[] {1000, 10000}) {
      cases.add(new BenchCase("sync-" + containers, "Synchronize of " + containers
          + " containers to 10 plugins", List.of("-case", "sync", "-plugins", "10", "-containers",
          str(containers))));
    }
    cases.add(new BenchCase("memory", "1,000 pods / 5,000 containers / 10 plugins",
        List.of("-case", "memory", "-plugins", "10", "-pods", "1000", "-containers", "5000")));
    return cases;
  }

  /** Warm-up events of the latency cases: the JIT needs ~20,000 events to settle (JFR shows C2 busy before). */
  static int warmup(boolean quick) {
    return quick ? 2000 : 20000;
  }

  /** Measured events of the latency cases (the issue asks for at least 20,000). */
  static int events(boolean quick) {
    return quick ? 3000 : 20000;
  }

  private static String str(int n) {
    return Integer.toString(n);
  }
}
