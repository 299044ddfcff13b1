package io.nrivertx.plugin;

import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import com.google.protobuf.Message;
import io.vertx.core.Future;

/**
 * An in-process plugin: a Java object called in index order with the external plugins, as NRI's
 * builtin plugins are (the default validator is one). It receives the same requests and returns
 * the same replies as a plugin behind a socket, without the wire.
 */
public interface BuiltinHandler {
  /** The events to receive, as a mask of {@link EventMask#bit}; never 0. */
  int events();

  /**
   * Handles one call; return a failed future to refuse (the event fails with that message).
   * Runs on the runtime core's context: return quickly and never block. The future must complete
   * within the request timeout, else the call counts as timed out; throwing is a bug, which fails
   * the event as an internal error.
   */
  <Q extends Message, R extends Message> Future<R> handle(PluginCall<Q, R> call, Q request);
}
