package io.nrivertx.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code status}'s text: a verdict line, then one line per check with what it reported. */
final class StatusReport {
  private StatusReport() {
  }

  static void print(PrintWriter out, String base, StatusCommand.Answer ready, StatusCommand.Answer live) {
    out.println("nri-vertx at " + base + ": " + (ready.up() ? "ready" : "NOT READY") + ", "
        + (live.up() ? "live" : "NOT LIVE"));
    checks(out, "ready", ready.body());
    checks(out, "live", live.body());
  }

  private static void checks(PrintWriter out, String kind, JsonObject body) {
    JsonArray checks = body.getJsonArray("checks", new JsonArray());
    for (int i = 0; i < checks.size(); i++) {
      JsonObject c = checks.getJsonObject(i);
      out.printf("  %-5s %-14s %-4s %s%n", kind, c.getString("id"), c.getString("status"),
          describe(c.getJsonObject("data", new JsonObject())));
    }
  }

  /** {@code key: value} pairs, lists joined with commas, "-" for an empty list. */
  static String describe(JsonObject data) {
    List<String> parts = new ArrayList<>();
    for (String key : data.fieldNames()) {
      Object v = data.getValue(key);
      String text = v instanceof JsonArray a ? (a.isEmpty() ? "-" : String.join(", ", a.stream().map(String::valueOf)
          .toList())) : String.valueOf(v);
      parts.add(key + ": " + text);
    }
    return String.join("; ", parts);
  }
}
