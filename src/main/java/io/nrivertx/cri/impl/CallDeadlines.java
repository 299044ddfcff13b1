package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.RuntimeServiceGrpcService;
import io.vertx.core.Future;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * The CRI calls that send blocking NRI events, bound so that each hands its gRPC deadline to the
 * events: crictl and the kubelet send {@code grpc-timeout} with every call, and the plugins then
 * get at most what is left of it (docs/cri.md, "Deadlines"). The generated service hides the
 * request's headers, so these methods are bound over it; the others stay as generated.
 */
final class CallDeadlines {
  private CallDeadlines() {
  }

  /** Binds, over the generated service already added to {@code server}, the calls of {@code endpoint} that take a deadline. */
  static void bind(GrpcServer server, RuntimeEndpoint endpoint) {
    bind(server, RuntimeServiceGrpcService.RunPodSandbox, endpoint::runPodSandboxUntil);
    bind(server, RuntimeServiceGrpcService.CreateContainer, endpoint::createContainerUntil);
    bind(server, RuntimeServiceGrpcService.StartContainer, endpoint::startContainerUntil);
    bind(server, RuntimeServiceGrpcService.UpdateContainerResources, endpoint::updateContainerResourcesUntil);
    bind(server, RuntimeServiceGrpcService.UpdatePodSandboxResources, endpoint::updatePodSandboxResourcesUntil);
  }

  private static <Q, R> void bind(GrpcServer server, ServiceMethod<Q, R> method,
                                  BiFunction<Q, Instant, Future<R>> call) {
    server.callHandler(method, null); // unbinds the generated handler: the server keeps the first it has
    server.callHandler(method, req -> {
      Instant deadline = deadline(req);
      req.handler(msg -> call.apply(msg, deadline).onComplete(ar -> {
        if (ar.succeeded()) {
          req.response().end(ar.result());
        } else {
          req.response().fail(ar.cause());
        }
      }));
    });
  }

  /** When the caller gives up: now plus its grpc-timeout; null when it sent none. */
  static Instant deadline(GrpcServerRequest<?, ?> req) {
    long millis = req.timeout();
    return millis > 0 ? Instant.now().plusMillis(millis) : null;
  }
}
