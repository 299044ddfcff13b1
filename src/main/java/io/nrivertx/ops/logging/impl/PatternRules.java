package io.nrivertx.ops.logging.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The conversion words nri-vertx's text pattern adds to Logback's: {@code %component}, {@code %oneLineEx}. */
final class PatternRules {
  private PatternRules() {
  }

  static Map<String, Supplier<?>> registry() {
    Map<String, Supplier<?>> rules = new HashMap<>();
    rules.put("component", ComponentConverter::new);
    rules.put("oneLineEx", OneLineThrowableConverter::new);
    return rules;
  }
}
