package io.nrivertx.plugin;

import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.vertx.core.Future;

/**
 * A plugin as the runtime core sees it, wherever it runs: behind a socket (external or
 * pre-connected) or in this JVM (builtin). The core orders plugins by {@link #index()} and
 * {@link #name()}, and talks to each only through {@link #invoke}.
 */
public interface Plugin {
  /** Two-digit index, the first sort key. */
  String index();

  /** Base name, without the index. */
  String name();

  /** "NN-name", the identity NRI uses for ordering and field ownership. */
  default String id() {
    return index() + "-" + name();
  }

  /** "external", "pre-connected" or "builtin", for logs and audit records. */
  String kind();

  PeerIdentity peer();

  EventMask events();

  /** Records the subscription and failure policy the plugin chose in Configure. */
  void subscribe(EventMask events, FailurePolicy policy);

  /**
   * Calls one Plugin-service method with the request timeout. Never fails: the reply says
   * whether the plugin answered, was not subscribed, refused, or broke.
   */
  <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request);

  /** As {@link #invoke(PluginCall, Message)} with an explicit deadline (Synchronize shares one). */
  <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                     long timeoutMillis);

  boolean isClosed();

  Future<Void> closeFuture();

  String closeReason();

  void close(String reason);
}
