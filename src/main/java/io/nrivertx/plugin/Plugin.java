package io.nrivertx.plugin;

import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;

/**
 * A plugin as the runtime core sees it, wherever it runs: behind a socket (external or
 * pre-connected), in this JVM (builtin) or in a sandbox. The core orders plugins by
 * {@link #index()} and {@link #name()}, and talks to each only through {@link #invoke}.
 *
 * <p>A plugin reports what happened and decides nothing: whether a timeout or a broken connection
 * closes the plugin and whether it fails the event is the core's decision, from
 * {@link #failurePolicy()} (and the operator's settings). The core calls every method on its own
 * context; implementations must not block it.
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

  /** "external", "pre-connected" or "builtin" (or another transport's word), for logs and audit records. */
  String kind();

  PeerIdentity peer();

  EventMask events();

  /** What the plugin asked for in Configure: fail the request, stay connected after a timeout. */
  FailurePolicy failurePolicy();

  /** Records the subscription and failure policy the plugin chose in Configure. */
  void subscribe(EventMask events, FailurePolicy policy);

  /**
   * Calls one Plugin-service method. Never fails: the reply says whether the plugin answered, was
   * not subscribed, refused, did not answer within {@code options.timeoutMillis()}, or broke. The
   * future should complete by the timeout; the core stops waiting then in any case.
   */
  <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                     CallOptions options);

  /**
   * True when {@link #invoke} itself answers TIMEOUT once the call's timeout passes (a socket
   * plugin's ttrpc deadline does), so the core needs no timer of its own for the call. The
   * default, false, has the core stop waiting at the timeout.
   */
  default boolean timesOutItself() {
    return false;
  }

  boolean isClosed();

  Future<Void> closeFuture();

  String closeReason();

  void close(String reason);
}
