package io.nrivertx.bus;

/**
 * The event-bus addresses of one nri-vertx instance, all under its prefix so two instances in
 * one Vert.x never hear each other. docs/eventbus.md documents bodies, headers and failures.
 */
public record NriAddresses(String prefix) {
  /** Header naming the NRI Plugin-service method of a lifecycle request, e.g. "CreateContainer". */
  public static final String EVENT_HEADER = "event";
  /**
   * Optional header of a lifecycle request: the runtime namespace (domain) the event belongs to.
   * NRI's messages do not carry it, so only the sender can tell; audit records repeat it.
   */
  public static final String NAMESPACE_HEADER = "namespace";
  /**
   * Optional header of a lifecycle request: the sender's budget in milliseconds, counted from
   * arrival; the event then has a deadline as with {@code RequestOptions.setTimeout}.
   */
  public static final String TIMEOUT_HEADER = "timeoutMs";

  /** Request/reply: a lifecycle event in, the merged plugin response out. */
  public String lifecycle() {
    return prefix + ".lifecycle";
  }

  /** Publish: one JSON record per lifecycle event, eviction, unsolicited update and plugin state change. */
  public String audit() {
    return prefix + ".audit";
  }
}
