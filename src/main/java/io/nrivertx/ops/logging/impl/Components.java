package io.nrivertx.ops.logging.impl;

/**
 * The component a logger belongs to, as logs show it: nri-vertx's package below
 * {@code io.nrivertx} without the class ({@code io.nrivertx.plugin.launch.LaunchedPlugin} is
 * {@code plugin.launch}), and the library for the others ({@code netty}, {@code vertx}).
 */
final class Components {
  private static final String OWN = "io.nrivertx.";

  private Components() {
  }

  static String of(String loggerName) {
    if (loggerName.startsWith(OWN)) {
      return withoutClass(loggerName.substring(OWN.length()));
    }
    if (loggerName.startsWith("io.netty.")) {
      return "netty";
    }
    if (loggerName.startsWith("io.vertx.")) {
      return "vertx";
    }
    if (loggerName.startsWith("io.opentelemetry.")) {
      return "otel";
    }
    return withoutClass(loggerName);
  }

  /** Drops the trailing segments that name a class (they start with an upper-case letter). */
  private static String withoutClass(String name) {
    int end = name.length();
    while (true) {
      int dot = name.lastIndexOf('.', end - 1);
      String last = name.substring(dot + 1, end);
      if (dot < 0 || last.isEmpty() || !Character.isUpperCase(last.charAt(0))) {
        return name.substring(0, end);
      }
      end = dot;
    }
  }
}
