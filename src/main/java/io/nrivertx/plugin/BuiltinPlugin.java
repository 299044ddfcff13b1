package io.nrivertx.plugin;

import io.nrivertx.service.PluginNames;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** The runtime's view of a {@link BuiltinHandler}: same contract as a socket plugin, no transport. */
public final class BuiltinPlugin implements Plugin {
  private final String name;
  private final String index;
  private final BuiltinHandler handler;
  private final Promise<Void> closed = Promise.promise();
  private volatile EventMask events = new EventMask(0);
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
  }

  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request) {
    return invoke(call, request, 0);
  }

  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                            long timeoutMillis) {
    if (call.event() != null && !events.has(call.event())) {
      return Future.succeededFuture(PluginReply.skipped(id()));
    }
    long start = System.nanoTime();
    Future<R> reply;
    if (call == PluginCall.CONFIGURE) {
      reply = Future.succeededFuture((R) (Message) io.nrivertx.api.ConfigureResponse.newBuilder()
          .setEvents(handler.events()).build());
    } else {
      try {
        reply = handler.handle(call, request);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
    }
    return reply.transform(ar -> {
      long took = System.nanoTime() - start;
      if (ar.succeeded()) {
        R r = ar.result() != null ? ar.result() : defaultReply(call);
        return Future.succeededFuture(new PluginReply<>(id(), PluginReply.Outcome.OK, r, took, 0, null));
      }
      return Future.succeededFuture(new PluginReply<>(id(), PluginReply.Outcome.ERROR, null, took, 2,
          String.valueOf(ar.cause().getMessage())));
    });
  }

  private static <R extends Message> R defaultReply(PluginCall<?, R> call) {
    try {
      return call.parser().parseFrom(new byte[0]);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
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
