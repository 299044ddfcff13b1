package io.nrivertx.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every round's JSON result per case and runtime, and their medians. A missing case or metric
 * gives NaN, which the report shows as "n/a" and the targets count as not met.
 */
final class Results {
  private final Map<String, Map<String, List<JsonObject>>> rounds = new LinkedHashMap<>();
  private JsonObject startup = new JsonObject();
  private JsonObject hardening = new JsonObject();

  void add(String caseId, String runtime, JsonObject result) {
    rounds.computeIfAbsent(caseId, k -> new LinkedHashMap<>())
        .computeIfAbsent(runtime, k -> new ArrayList<>()).add(result);
  }

  void startup(JsonObject startup) {
    this.startup = startup;
  }

  /** Start-up milliseconds of "go", "plain" or "aot" (median of its runs). */
  double startup(String which) {
    Double v = startup.getDouble(which);
    return v == null ? Double.NaN : v;
  }

  void hardening(JsonObject hardening) {
    this.hardening = hardening;
  }

  /** A figure of the hardening cases, e.g. ("restart", "millis"); NaN when not measured. */
  double hardening(String group, String metric) {
    JsonObject g = hardening.getJsonObject(group);
    return g != null && g.getValue(metric) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  JsonObject hardening() {
    return hardening;
  }

  /** The median over rounds of {@code metric}. */
  double median(String caseId, String runtime, String metric) {
    List<JsonObject> list = rounds.getOrDefault(caseId, Map.of()).getOrDefault(runtime, List.of());
    double[] values = list.stream().filter(r -> r.getValue(metric) instanceof Number)
        .mapToDouble(r -> r.getDouble(metric)).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** nri-vertx ÷ Go for {@code metric}. */
  double ratio(String caseId, String metric) {
    return median(caseId, Runners.JAVA, metric) / median(caseId, Runners.GO, metric);
  }

  int roundCount(String caseId) {
    return rounds.getOrDefault(caseId, Map.of()).values().stream().mapToInt(List::size).min().orElse(0);
  }

  /** Everything, for the raw JSON file next to the report. */
  JsonObject toJson() {
    JsonObject all = new JsonObject().put("startupMillis", startup).put("hardening", hardening);
    rounds.forEach((id, byRuntime) -> {
      JsonObject c = new JsonObject();
      byRuntime.forEach((rt, list) -> c.put(rt, new JsonArray(new ArrayList<>(list))));
      all.put(id, c);
    });
    return all;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 100 ? String.format("%.0f", v) : Math.abs(v) >= 10 ? String.format("%.1f", v)
        : String.format("%.2f", v);
  }
}
