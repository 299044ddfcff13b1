package io.nrivertx.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The targets of issue 8, evaluated on the medians. A target whose figure is missing (NaN) is
 * not met.
 *
 * @param name what is required
 * @param measured the measured value (a ratio, or an absolute figure with its unit)
 * @param limit the bound it must stay within
 * @param atLeast true when the measured value must be at least the limit, false for at most
 * @param unit "×" for ratios, else the unit of an absolute figure
 * @param verdict decided otherwise than by the bound (null: by the bound)
 */
record Targets(String name, double measured, double limit, boolean atLeast, String unit, Boolean verdict) {

  Targets(String name, double measured, double limit, boolean atLeast, String unit) {
    this(name, measured, limit, atLeast, unit, null);
  }

  boolean met() {
    if (verdict != null) {
      return verdict;
    }
    return !Double.isNaN(measured) && (atLeast ? measured >= limit : measured <= limit);
  }

  String bound() {
    return (atLeast ? "≥ " : "≤ ") + Results.fmt(limit) + ("×".equals(unit) ? "×" : " " + unit);
  }

  static List<Targets> evaluate(Results r) {
    List<Targets> t = new ArrayList<>();
    for (int n : new int[] {1, 3, 10}) {
      t.add(new Targets("CreateContainer p50, " + n + " plugin(s), nri-vertx ÷ Go", r.ratio("create-" + n, "p50Us"),
          0.8, false, "×"));
      t.add(new Targets("CreateContainer p99, " + n + " plugin(s), nri-vertx ÷ Go", r.ratio("create-" + n, "p99Us"),
          1.0, false, "×"));
      t.add(new Targets("CreateContainer p99.9, " + n + " plugin(s), nri-vertx ÷ Go",
          r.ratio("create-" + n, "p999Us"), 1.0, false, "×"));
    }
    t.add(new Targets("WASM plugin: CreateContainer p50, 1 plugin, nri-vertx ÷ Go (wazero)", r.ratio("wasm-create-1", "p50Us"),
        1.0, false, "×"));
    t.add(new Targets("CreateContainer p50, 3 plugins behind the relay ÷ the same plugins on the Go adaptation",
        r.ratio("relay-create-3", "p50Us"), 1.2, false, "×"));
    t.add(new Targets("per-plugin overhead ÷ socketpair floor (Go↔Go p50)", perPlugin(r, Runners.JAVA)
        / r.median("floor", Runners.GO, "p50Us"), 1.5, false, "×"));
    for (int c : new int[] {1, 8}) {
      t.add(new Targets("lifecycle throughput, " + c + " client(s), nri-vertx ÷ Go",
          r.ratio("lifecycle-" + c, "podsPerSec"), 1.25, true, "×"));
    }
    t.add(new Targets("Synchronize 1,000 containers to 10 plugins, nri-vertx ÷ Go", r.ratio("sync-1000", "millis"),
        1.0, false, "×"));
    t.add(sync(r));
    t.add(new Targets("nri-vertx heap at 1,000 pods / 5,000 containers / 10 plugins",
        r.median("memory", Runners.JAVA, "heapMiB"), 64, false, "MiB"));
    t.add(new Targets("nri-vertx RSS at 1,000 pods / 5,000 containers / 10 plugins (shipped JVM flags)",
        r.median("memory", Runners.JAVA, "rssMiB"), 100, false, "MiB"));
    t.add(new Targets("nri-vertx start-up to accepting (with AOT cache)", r.startup("aot") / 1000, 0.5,
        false, "s"));
    t.add(new Targets("CRI journal after " + Results.fmt(r.hardening("churn", "cycles")) + " pod cycles with nothing"
        + " alive", r.hardening("churn", "journalBytes") / (1 << 20), 1, false, "MiB"));
    t.add(new Targets("restart of run on 1,000 live pods / 5,000 containers (start to CRI serving)",
        r.hardening("restart", "millis") / 1000, 1, false, "s"));
    t.add(new Targets("RSS after that restart", r.hardening("restart", "rssMiB"), 150, false, "MiB"));
    return t;
  }

  /**
   * Synchronize 10,000: time ratio; when Go did not admit all 10 plugins in time (its accept loop
   * synchronizes one plugin at a time, and a stub gives up after 5 s), nri-vertx meets the
   * target by admitting all of them, and misses it whenever it does not.
   */
  private static Targets sync(Results r) {
    double java = r.median("sync-10000", Runners.JAVA, "registered");
    double go = r.median("sync-10000", Runners.GO, "registered");
    String name = "Synchronize 10,000 containers to 10 plugins, nri-vertx ÷ Go";
    Boolean verdict = java < 10 ? Boolean.FALSE : go < 10 ? Boolean.TRUE : null;
    if (java < 10 || go < 10) {
      name += " (plugins admitted: Go " + Results.fmt(go) + ", nri-vertx " + Results.fmt(java) + " of 10)";
    }
    return new Targets(name, r.ratio("sync-10000", "millis"), 1.0, false, "×", verdict);
  }

  /** p50 cost of each plugin beyond the first: the slope from 1 to 10 plugins, in µs. */
  static double perPlugin(Results r, String runtime) {
    return (r.median("create-10", runtime, "p50Us") - r.median("create-1", runtime, "p50Us")) / 9;
  }
}
