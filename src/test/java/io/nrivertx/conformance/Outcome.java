package io.nrivertx.conformance;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What one runtime did with a case: its JSON lines (docs/scenario.md "Output"), what every plugin
 * logged (src/test/go/README.md "Log lines"), and a failure of the run itself (plugins never
 * ready, runtime did not start), or null.
 */
record Outcome(List<JsonObject> lines, Map<String, List<JsonObject>> logs, String failure, long millis) {
  Outcome {
    lines = List.copyOf(lines);
    logs = Map.copyOf(logs);
  }

  static Outcome failed(String why, long millis) {
    return new Outcome(List.of(), Map.of(), why, millis);
  }
}
