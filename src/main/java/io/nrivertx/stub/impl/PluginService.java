package io.nrivertx.stub.impl;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;
import io.nrivertx.protocol.GrpcCode;
import io.nrivertx.protocol.TtrpcConnection;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.stub.NriPlugin;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves NRI's Plugin service on one connection by calling the plugin's handlers. Every method is
 * served, subscribed or not, as the Go stub does; an unhandled event gets an empty reply.
 *
 * <p>Thread-safety: handlers are invoked on the stub's context; the sync buffer is confined to it.
 */
final class PluginService {
  private final NriPlugin plugin;
  private final ContextInternal context;
  private final Function<ConfigureRequest, Future<ConfigureResponse>> configure;
  private final boolean buffersSync;
  private final SyncBuffer sync = new SyncBuffer();

  /**
   * @param configure answers Configure (it needs the stub's state, this class does not)
   * @param buffersSync whether the plugin has a Synchronize handler to hand the chunks to
   */
  PluginService(NriPlugin plugin, ContextInternal context,
                Function<ConfigureRequest, Future<ConfigureResponse>> configure, boolean buffersSync) {
    this.plugin = plugin;
    this.context = context;
    this.configure = configure;
    this.buffersSync = buffersSync;
  }

  void serveOn(TtrpcConnection ttrpc) {
    serve(ttrpc, PluginCall.CONFIGURE, configure);
    serve(ttrpc, PluginCall.SYNCHRONIZE, this::synchronize);
    serve(ttrpc, PluginCall.SHUTDOWN, q -> done(plugin.shutdown(), Empty.getDefaultInstance()));
    serve(ttrpc, PluginCall.RUN_POD_SANDBOX,
        q -> done(plugin.runPodSandbox(q.getPod()), RunPodSandboxResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.UPDATE_POD_SANDBOX,
        q -> done(plugin.updatePodSandbox(q), UpdatePodSandboxResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.POST_UPDATE_POD_SANDBOX,
        q -> done(plugin.postUpdatePodSandbox(q.getPod()), PostUpdatePodSandboxResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.STOP_POD_SANDBOX,
        q -> done(plugin.stopPodSandbox(q.getPod()), StopPodSandboxResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.REMOVE_POD_SANDBOX,
        q -> done(plugin.removePodSandbox(q.getPod()), RemovePodSandboxResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.CREATE_CONTAINER, q -> orEmpty(plugin.createContainer(q.getPod(), q.getContainer()),
        CreateContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.POST_CREATE_CONTAINER, q -> done(plugin.postCreateContainer(q.getPod(), q.getContainer()),
        PostCreateContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.START_CONTAINER, q -> done(plugin.startContainer(q.getPod(), q.getContainer()),
        StartContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.POST_START_CONTAINER, q -> done(plugin.postStartContainer(q.getPod(), q.getContainer()),
        PostStartContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.UPDATE_CONTAINER,
        q -> orEmpty(plugin.updateContainer(q), UpdateContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.POST_UPDATE_CONTAINER, q -> done(plugin.postUpdateContainer(q.getPod(), q.getContainer()),
        PostUpdateContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.STOP_CONTAINER, q -> orEmpty(plugin.stopContainer(q.getPod(), q.getContainer()),
        StopContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.REMOVE_CONTAINER, q -> done(plugin.removeContainer(q.getPod(), q.getContainer()),
        RemoveContainerResponse.getDefaultInstance()));
    serve(ttrpc, PluginCall.STATE_CHANGE, q -> done(stateChange(q), Empty.getDefaultInstance()));
    serve(ttrpc, PluginCall.VALIDATE, this::validate);
  }

  /** While {@code more} is set the runtime expects {@code more} back and no updates. */
  private Future<SynchronizeResponse> synchronize(SynchronizeRequest request) {
    if (!buffersSync) {
      return Future.succeededFuture(SynchronizeResponse.newBuilder().setMore(request.getMore()).build());
    }
    if (request.getMore()) {
      sync.add(request);
      return Future.succeededFuture(SynchronizeResponse.newBuilder().setMore(true).build());
    }
    SyncBuffer.Snapshot all = sync.drain(request);
    return orEmpty(plugin.synchronize(all.pods(), all.containers()), List.<ContainerUpdate>of())
        .map(updates -> SynchronizeResponse.newBuilder().addAllUpdate(updates).build());
  }

  /** The fallback a runtime uses for plugins lacking the dedicated RPCs (docs/protocol.md, "Old stubs"). */
  private Future<Void> stateChange(StateChangeEvent event) {
    PodSandbox pod = event.getPod();
    Container ctr = event.getContainer();
    return switch (event.getEvent()) {
      case RUN_POD_SANDBOX -> plugin.runPodSandbox(pod);
      case POST_UPDATE_POD_SANDBOX -> plugin.postUpdatePodSandbox(pod);
      case STOP_POD_SANDBOX -> plugin.stopPodSandbox(pod);
      case REMOVE_POD_SANDBOX -> plugin.removePodSandbox(pod);
      case POST_CREATE_CONTAINER -> plugin.postCreateContainer(pod, ctr);
      case START_CONTAINER -> plugin.startContainer(pod, ctr);
      case POST_START_CONTAINER -> plugin.postStartContainer(pod, ctr);
      case POST_UPDATE_CONTAINER -> plugin.postUpdateContainer(pod, ctr);
      case REMOVE_CONTAINER -> plugin.removeContainer(pod, ctr);
      default -> Future.succeededFuture();
    };
  }

  /** A failed validation is a rejection with the failure's text as reason, not an RPC error. */
  private Future<ValidateContainerAdjustmentResponse> validate(ValidateContainerAdjustmentRequest request) {
    return guard(() -> plugin.validateContainerAdjustment(request)).transform(ar -> Future.succeededFuture(
        ar.succeeded() ? ValidateContainerAdjustmentResponse.getDefaultInstance()
            : ValidateContainerAdjustmentResponse.newBuilder().setReject(true)
                .setReason(reason(ar.cause())).build()));
  }

  private static String reason(Throwable failure) {
    return failure.getMessage() != null ? failure.getMessage() : failure.toString();
  }

  private <Q extends Message> void serve(TtrpcConnection ttrpc, PluginCall<Q, ?> call,
                                         Function<Q, ? extends Future<? extends Message>> handler) {
    ttrpc.handle(PluginCall.SERVICE, call.method(), (payload, timeoutNanos) -> {
      Q request;
      try {
        request = call.requestParser().parseFrom(payload);
      } catch (InvalidProtocolBufferException e) {
        return Future.failedFuture(new TtrpcException(GrpcCode.INTERNAL,
            "ttrpc: error unmarshalling payload: " + e.getMessage()));
      }
      return onContext(() -> handler.apply(request)).map(Message::toByteArray);
    });
  }

  /** Runs {@code call} on the stub's context: inline when already on its thread. */
  private <T> Future<T> onContext(Supplier<? extends Future<? extends T>> call) {
    Promise<T> promise = Promise.promise();
    Runnable task = () -> guard(call).onComplete(promise);
    if (context.inThread()) {
      context.dispatch(task);
    } else {
      context.runOnContext(v -> task.run());
    }
    return promise.future();
  }

  /** The handler's future; a throwing handler or a null future become failures. */
  private static <T> Future<T> guard(Supplier<? extends Future<? extends T>> call) {
    try {
      Future<? extends T> f = call.get();
      return f == null ? Future.failedFuture(new IllegalStateException("plugin handler returned no future"))
          : f.<T>map(t -> t);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static <T> Future<T> done(Future<Void> handled, T reply) {
    return handled == null ? Future.failedFuture(new IllegalStateException("plugin handler returned no future"))
        : handled.map(reply);
  }

  private static <T> Future<T> orEmpty(Future<? extends T> reply, T empty) {
    return reply == null ? Future.failedFuture(new IllegalStateException("plugin handler returned no future"))
        : reply.map(r -> r == null ? empty : r);
  }
}
