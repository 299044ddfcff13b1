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
   * How a failure reaches the client: our own statuses pass through; a refusal by the NRI
   * plugins becomes UNKNOWN (the code containerd's wrapped Go errors carry) naming the event;
   * a broken journal is UNAVAILABLE; anything else is INTERNAL.
   */
  static StatusException of(String operation, Throwable err) {
    if (err instanceof StatusException s) {
      return s;
    }
    if (err instanceof LifecycleException) {
      return new StatusException(GrpcStatus.UNKNOWN, operation + " refused by NRI: " + err.getMessage());
    }
    if (err instanceof CriStateException) {
      return new StatusException(GrpcStatus.UNAVAILABLE, operation + ": " + err.getMessage());
    }
    return new StatusException(GrpcStatus.INTERNAL, operation + " failed: " + err);
  }
}
