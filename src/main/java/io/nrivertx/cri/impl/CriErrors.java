package io.nrivertx.cri.impl;

import io.nrivertx.cri.CriStateException;
import io.nrivertx.runtime.LifecycleException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/** The gRPC statuses the endpoint answers with, each message saying what and which object. */
final class CriErrors {
  private CriErrors() {
  }

  static StatusException notFound(String what, String id) {
    return new StatusException(GrpcStatus.NOT_FOUND, what + " \"" + id + "\" not found");
  }

  static StatusException invalid(String message) {
    return new StatusException(GrpcStatus.INVALID_ARGUMENT, message);
  }

  static StatusException exists(String message) {
    return new StatusException(GrpcStatus.ALREADY_EXISTS, message);
  }

  static StatusException precondition(String message) {
    return new StatusException(GrpcStatus.FAILED_PRECONDITION, message);
  }

  /**
   * How a failure reaches the client: our own statuses pass through; a failed NRI event gets the
   * status of its kind (docs/eventbus.md, "Failures"): what the plugins decided reads as
   * containerd's wrapped Go errors do, UNKNOWN naming the event, and a bug in nri-vertx is
   * INTERNAL; a broken journal is UNAVAILABLE; anything else is INTERNAL.
   */
  static StatusException of(String operation, Throwable err) {
    if (err instanceof StatusException s) {
      return s;
    }
    if (err instanceof LifecycleException e) {
      return new StatusException(status(e.kind()), switch (e.kind()) {
        case REFUSED, CONFLICT, REJECTED, CONNECTION_LOST -> operation + " refused by NRI: " + e.getMessage();
        default -> operation + " failed in NRI: " + e.getMessage();
      });
    }
    if (err instanceof CriStateException) {
      return new StatusException(GrpcStatus.UNAVAILABLE, operation + ": " + err.getMessage());
    }
    return new StatusException(GrpcStatus.INTERNAL, operation + " failed: " + err);
  }

  /** One CRI status per kind of NRI failure. */
  static GrpcStatus status(LifecycleException.Kind kind) {
    return switch (kind) {
      case REFUSED, CONFLICT, REJECTED, CONNECTION_LOST -> GrpcStatus.UNKNOWN;
      case BAD_REQUEST -> GrpcStatus.INVALID_ARGUMENT;
      case DEADLINE_EXCEEDED -> GrpcStatus.DEADLINE_EXCEEDED;
      case UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
      case INTERNAL -> GrpcStatus.INTERNAL;
    };
  }
}
