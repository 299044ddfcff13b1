package io.nrivertx.ops.metrics;

/** The HELP text of the per-call families beyond containerd's. */
final class Descriptions {
  private Descriptions() {
  }

  static String of(String family) {
    return switch (family) {
      case "adjustments" -> "Number of adjustment operations from plugins";
      case "timeouts" -> "Plugin calls that ran out of time (called: no answer in time; no_time_left: not called)";
      case "failures" -> "Failed plugin calls by the failure policy's decision (closed_plugin, failed_event, continued)";
      default -> family;
    };
  }
}
