package io.nrivertx.bus;

/**
 * The event-bus addresses of one nri-vertx instance, all under its prefix so two instances in
 * one Vert.x never hear each other. README "Event bus" documents bodies and headers.
 */
public record NriAddresses(String prefix) {
  /** Header naming the NRI Plugin-service method of a lifecycle request, e.g. "CreateContainer". */
  public static final String EVENT_HEADER = "event";

  /** Request/reply: a lifecycle event in, the merged plugin response out (protobuf bytes). */
  public String lifecycle() {
    return prefix + ".lifecycle";
  }

  /** Publish: one JSON record per plugin call, event outcome and plugin state change. */
  public String audit() {
    return prefix + ".audit";
  }
}
