package io.nrivertx.plugin;

import io.nrivertx.service.PluginNames;
import io.nrivertx.service.PluginCall;
import com.google.protobuf.Message;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.protocol.GrpcCode;
import io.vertx.core.Future;

/** The runtime's view of a {@link BuiltinHandler}: same contract as a socket plugin, no transport. */
public final class BuiltinPlugin extends InProcessPlugin {
  private final BuiltinHandler handler;

  public BuiltinPlugin(String name, String index, BuiltinHandler handler) {
    super(checkedIndex(name, index), name);
    this.handler = handler;
  }

  /** {@code index}, once name and index are known to be valid (the name is checked first). */
  private static String checkedIndex(String name, String index) {
    String bad = PluginNames.checkName(name);
    if (bad == null) {
      bad = PluginNames.checkIndex(index);
    }
    if (bad != null) {
      throw new IllegalArgumentException("builtin plugin: " + bad);
    }
    return index;
  }

  public BuiltinHandler handler() {
    return handler;
  }

  @Override
  public String kind() {
    return "builtin";
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
    Future<PluginReply<R>> skipped = unsubscribed(call);
    if (skipped != null) {
      return skipped;
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
}
