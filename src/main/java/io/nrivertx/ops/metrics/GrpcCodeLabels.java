package io.nrivertx.ops.metrics;

/**
 * gRPC status codes as Prometheus label values spell them, containerd's way: snake case
 * ({@code invalid_argument}), {@code canceled} with one l, {@code unknown_code} out of range.
 */
final class GrpcCodeLabels {
  private static final String[] NAMES = {"ok", "canceled", "unknown", "invalid_argument", "deadline_exceeded",
      "not_found", "already_exists", "permission_denied", "resource_exhausted", "failed_precondition", "aborted",
      "out_of_range", "unimplemented", "internal", "unavailable", "data_loss", "unauthenticated"};

  private GrpcCodeLabels() {
  }

  static String of(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : "unknown_code";
  }
}
