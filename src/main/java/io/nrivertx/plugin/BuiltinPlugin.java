package io.nrivertx.plugin;

import io.nrivertx.service.PluginNames;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import com.google.protobuf.Message;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.protocol.GrpcCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** The runtime's view of a {@link BuiltinHandler}: same contract as a socket plugin, no transport. */
public final class BuiltinPlugin implements Plugin {
  private final String name;
  private final String index;
  private final BuiltinHandler handler;
  private final Promise<Void> closed = Promise.promise();
  private volatile EventMask events = new EventMask(0);
  private volatile FailurePolicy policy = FailurePolicy.getDefaultInstance();
  private volatile String closeReason;

  public BuiltinPlugin(String name, String index, BuiltinHandler handler) {
    String bad = PluginNames.checkName(name);
    if (bad == null) {
      bad = PluginNames.checkIndex(index);
    }
    if (bad != null) {
      throw new IllegalArgumentException("builtin plugin: " + bad);
    }
    this.name = name;
    this.index = index;
    this.handler = handler;
  }

  public BuiltinHandler handler() {
    return handler;
  }

  @Override
  public String index() {
    return index;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "builtin";
  }

  @Override
  public PeerIdentity peer() {
    return new PeerIdentity((int) ProcessHandle.current().pid(), -1, -1);
  }

  @Override
  public EventMask events() {
    return events;
  }

  @Override
  public void subscribe(EventMask events, FailurePolicy policy) {
    this.events = events;
    this.policy = policy == null ? FailurePolicy.getDefaultInstance() : policy;
  }

  @Override
  public FailurePolicy failurePolicy() {
    return policy;
  }

  /**
   * Calls the handler on the caller's thread (the core's context). The timeout is enforced by the
   * core, which stops waiting for a handler that does not answer in time. A failed future is the
   * handler's refusal; an exception thrown by the handler is a bug and leaves this method, which
   * the core reports as an internal error naming the plugin.
   */
  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                            CallOptions options) {
    if (call.event() != null && !events.has(call.event())) {
      return Future.succeededFuture(PluginReply.skipped(id()));
    }
    long start = System.nanoTime();
    Future<R> reply;
    if (call == PluginCall.CONFIGURE) {
      reply = Future.succeededFuture(configureReply(handler.events()));
    } else {
      reply = handler.handle(call, request);
      if (reply == null) {
        throw new IllegalStateException("builtin plugin " + id() + " returned no future for " + call.method());
      }
    }
    return reply.transform(ar -> {
      long took = System.nanoTime() - start;
      if (ar.succeeded()) {
        return Future.succeededFuture(PluginReply.ok(id(), ar.result() != null ? ar.result() : call.emptyReply(), took));
      }
      return Future.succeededFuture(PluginReply.error(id(), GrpcCode.UNKNOWN.value(), describe(ar.cause()), took));
    });
  }

  @SuppressWarnings("unchecked") // only called for CONFIGURE, whose reply type this is
  private static <R extends Message> R configureReply(int events) {
    return (R) ConfigureResponse.newBuilder().setEvents(events).build();
  }

  private static String describe(Throwable err) {
    return err.getMessage() != null ? err.getMessage() : err.toString();
  }

  @Override
  public boolean isClosed() {
    return closed.future().isComplete();
  }

  @Override
  public Future<Void> closeFuture() {
    return closed.future();
  }

  @Override
  public String closeReason() {
    return closeReason;
  }

  @Override
  public void close(String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    closed.tryComplete();
  }

  @Override
  public String toString() {
    return "builtin:" + id();
  }
}
