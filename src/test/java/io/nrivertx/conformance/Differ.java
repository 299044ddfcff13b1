package io.nrivertx.conformance;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Compares what nri-vertx and the Go adaptation did with one case: the run itself, every JSON
 * line field by field, and what every plugin received (its log), after {@link Normalizer}.
 */
final class Differ {
  private static final int MAX_REPORTED = 25;

  private Differ() {
  }

  /** @return one text per difference ("where: field: nri-vertx X | go Y"); empty when identical */
  static List<String> compare(Outcome java, Outcome go) {
    return compare(java, go, "nri-vertx", "go", Normalizer::equivalentErrors);
  }

  /**
   * As {@link #compare(Outcome, Outcome)} for any two runs: {@code a} and {@code b} name them in
   * the report; {@code sameError} decides when two different error texts are one outcome.
   */
  static List<String> compare(Outcome a, Outcome b, String nameA, String nameB, BiPredicate<String, String> sameError) {
    List<String> out = new ArrayList<>();
    if (a.failure() != null || b.failure() != null) {
      out.add("run: " + nameA + " " + (a.failure() == null ? "ok" : a.failure())
          + " | " + nameB + " " + (b.failure() == null ? "ok" : b.failure()));
    }
    lines(Normalizer.lines(a.lines()), Normalizer.lines(b.lines()), nameA, nameB, sameError, out);
    logs(Normalizer.logs(a.logs()), Normalizer.logs(b.logs()), nameA, nameB, out);
    return out.size() <= MAX_REPORTED ? out : new ArrayList<>(out.subList(0, MAX_REPORTED));
  }

  private static void lines(List<JsonObject> java, List<JsonObject> go, String nameA, String nameB,
                            BiPredicate<String, String> sameError, List<String> out) {
    for (int i = 0; i < Math.max(java.size(), go.size()); i++) {
      JsonObject a = i < java.size() ? java.get(i).copy() : null;
      JsonObject b = i < go.size() ? go.get(i).copy() : null;
      JsonObject any = a != null ? a : b;
      String where = "step " + any.getValue("step") + " " + any.getString("op");
      if (a == null || b == null) {
        out.add(where + ": line only from " + (a == null ? nameB + ": " + b.encode() : nameA + ": " + a.encode()));
        continue;
      }
      if (a.getValue("error") instanceof String x && b.getValue("error") instanceof String y && !x.equals(y)
          && sameError.test(x, y)) {
        a.put("error", "(equivalent)");
        b.put("error", "(equivalent)");
      }
      report(where, a, b, nameA, nameB, out);
    }
  }

  private static void logs(Map<String, List<JsonObject>> java, Map<String, List<JsonObject>> go, String nameA,
                           String nameB, List<String> out) {
    Set<String> plugins = new LinkedHashSet<>(java.keySet());
    plugins.addAll(go.keySet());
    for (String plugin : plugins) {
      List<JsonObject> a = java.getOrDefault(plugin, List.of());
      List<JsonObject> b = go.getOrDefault(plugin, List.of());
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        JsonObject x = i < a.size() ? a.get(i) : null;
        JsonObject y = i < b.size() ? b.get(i) : null;
        String where = "plugin " + plugin + " received #" + (i + 1) + " "
            + (x != null ? x.getString("event") : y.getString("event"));
        if (x == null || y == null) {
          out.add(where + ": only with " + (x == null ? nameB + ": " + JsonDiff.show(y) : nameA + ": " + JsonDiff.show(x)));
          break; // the rest of this log is shifted: one report is enough
        }
        if (report(where, x, y, nameA, nameB, out)) {
          break;
        }
      }
    }
  }

  /** @return whether anything differed */
  private static boolean report(String where, JsonObject java, JsonObject go, String nameA, String nameB,
                                List<String> out) {
    List<JsonDiff.Diff> diffs = new ArrayList<>();
    JsonDiff.diff(java, go, "", diffs);
    diffs.forEach(d -> out.add(where + ": " + d.describe(nameA, nameB)));
    return !diffs.isEmpty();
  }
}
