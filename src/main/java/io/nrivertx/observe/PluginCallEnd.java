package io.nrivertx.observe;

import com.google.protobuf.Message;
import io.nrivertx.protocol.GrpcCode;
import java.time.Duration;

/**
 * How one plugin call ended and what the runtime did about it.
 *
 * @param outcome what the plugin did
 * @param code the gRPC status code of the failure (0 when it answered); a timeout is
 *     DEADLINE_EXCEEDED, a lost connection UNAVAILABLE
 * @param reply the plugin's answer when {@code outcome} is OK, else null; its adjustments can be
 *     counted by type ({@link #updates()}, {@link #evictions()} for the lists containerd counts)
 * @param closedPlugin the runtime dropped the plugin because of this call (failure policy)
 * @param failedEvent this call failed the event (an error, or the failure policy's failRequest)
 */
public record PluginCallEnd(String plugin, String operation, Outcome outcome, int code, Duration latency,
                            Message reply, boolean closedPlugin, boolean failedEvent) {

  /** What the plugin did with the call. */
  public enum Outcome {
    /** It answered. */
    OK,
    /** It answered with an error status. */
    ERROR,
    /** It did not answer within its timeout (or the part of the event's deadline it was given). */
    TIMEOUT,
    /** Its connection broke, or was already broken. */
    CLOSED,
    /** Not called: the event's deadline left no time for it. */
    NOT_CALLED
  }

  /** containerd's {@code status} label: "success" or "error". */
  public String status() {
    return outcome == Outcome.OK ? "success" : "error";
  }

  /**
   * containerd's {@code error} label: "" on success, "deadline_exceeded" for a timeout, the
   * status code in snake case for an error status, "other" for a broken connection.
   */
  public String errorLabel() {
    return switch (outcome) {
      case OK -> "";
      case TIMEOUT, NOT_CALLED -> "deadline_exceeded";
      case CLOSED -> "other";
      case ERROR -> snakeCase(code);
    };
  }

  /** The lists of container changes a reply carries, as containerd counts them ("update", "evict"). */
  public int updates() {
    return count(reply, "update");
  }

  public int evictions() {
    return count(reply, "evict");
  }

  /** A gRPC code as Prometheus label values spell it ("invalid_argument"; "unknown_code" if out of range). */
  public static String snakeCase(int code) {
    if (code < 0 || code > GrpcCode.UNAUTHENTICATED.value()) {
      return "unknown_code";
    }
    GrpcCode c = GrpcCode.forValue(code);
    return c == GrpcCode.CANCELLED ? "canceled" : c.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static int count(Message reply, String field) {
    if (reply == null) {
      return 0;
    }
    var f = reply.getDescriptorForType().findFieldByName(field);
    return f != null && f.isRepeated() ? reply.getRepeatedFieldCount(f) : 0;
  }
}
