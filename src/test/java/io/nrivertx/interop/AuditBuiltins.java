package io.nrivertx.interop;

import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;

/** In-process plugins whose answers show in the audit stream: an eviction, a validator's verdicts. */
final class AuditBuiltins {
  private AuditBuiltins() {
  }

  /** Evicts "victim" when the container "evicter" is created. */
  static final class Evicter implements BuiltinHandler {
    @Override
    public int events() {
      return EventMask.bit(Event.CREATE_CONTAINER);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> handle(
        PluginCall<Q, R> call, Q request) {
      if (request instanceof CreateContainerRequest c && c.getContainer().getName().equals("evicter")) {
        return Future.succeededFuture((R) CreateContainerResponse.newBuilder().addEvict(ContainerEviction.newBuilder()
            .setContainerId("victim").setReason("make room")).build());
      }
      return Future.succeededFuture();
    }
  }

  /** Rejects containers named "bad". */
  static final class Judge implements BuiltinHandler {
    @Override
    public int events() {
      return EventMask.bit(Event.VALIDATE_CONTAINER_ADJUSTMENT);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> handle(
        PluginCall<Q, R> call, Q request) {
      if (request instanceof ValidateContainerAdjustmentRequest v) {
        boolean bad = v.getContainer().getName().equals("bad");
        return Future.succeededFuture((R) ValidateContainerAdjustmentResponse.newBuilder().setReject(bad)
            .setReason(bad ? "no bad containers" : "").build());
      }
      return Future.succeededFuture();
    }
  }
}
