package io.nrivertx.cri.impl;

import io.nrivertx.cri.CriCallObserver;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The gRPC server's request handler, timed: each call's method and final grpc-status go to the
 * {@link CriCallObserver} when its response ends. The status is in the trailers, or in the
 * headers for a trailers-only answer; a response that ends without one counts as UNKNOWN.
 */
final class ObservedCalls implements Handler<HttpServerRequest> {
  private static final int UNKNOWN = 2;

  private final Handler<HttpServerRequest> grpc;
  private final CriCallObserver observer;

  ObservedCalls(Handler<HttpServerRequest> grpc, CriCallObserver observer) {
    this.grpc = grpc;
    this.observer = observer;
  }

  @Override
  public void handle(HttpServerRequest req) {
    long start = System.nanoTime();
    String path = req.path();
    String method = path.substring(path.lastIndexOf('/') + 1);
    req.response().endHandler(v -> {
      String status = req.response().trailers().get("grpc-status");
      if (status == null) {
        status = req.response().headers().get("grpc-status");
      }
      int code;
      try {
        code = status == null ? UNKNOWN : Integer.parseInt(status.trim());
      } catch (NumberFormatException e) {
        code = UNKNOWN;
      }
      observer.callEnded(method, code, System.nanoTime() - start);
    });
    grpc.handle(req);
  }
}
