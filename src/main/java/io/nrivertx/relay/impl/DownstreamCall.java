package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.NriRuntime;
import io.nrivertx.RequestOptions;
import io.nrivertx.protocol.GrpcCode;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * One upstream event sent through the downstream runtime with its {@link Budget} as the event's
 * deadline: each plugin call gets at most what is left of it, a plugin that would overrun is
 * handled by its failure policy, and the runtime answers by the deadline. Should it not, a
 * DeadlineExceeded answer goes upstream anyway, before the runtime's own deadline would make it
 * drop the relay. A CreateContainer the runtime validates itself, by asking the relay (validateUpstream),
 * is sent with its validation deferred: the validators behind the relay are asked then, once.
 */
final class DownstreamCall {
  private DownstreamCall() {
  }

  static <Q extends Message, R extends Message> Future<R> send(Vertx vertx, NriRuntime runtime, String namespace,
                                                                PluginCall<Q, R> call, Q request, Budget budget,
                                                                boolean deferValidation) {
    Promise<R> answer = Promise.promise();
    long timer = vertx.setTimer(budget.lastResortMillis(), t -> answer.tryFail(new TtrpcException(
        GrpcCode.DEADLINE_EXCEEDED, "relay: the plugins behind nri-vertx did not answer " + call.method()
        + " within the runtime's deadline")));
    runtime.request(call, request, new RequestOptions().setNamespace(namespace).setTimeout(budget.remaining())
            .setDeferValidation(deferValidation))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            answer.tryComplete(ar.result());
          } else {
            answer.tryFail(ar.cause());
          }
        });
    return answer.future();
  }
}
