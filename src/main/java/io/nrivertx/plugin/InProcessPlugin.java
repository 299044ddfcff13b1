package io.nrivertx.plugin;

import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * What every plugin without a connection of its own shares (builtin Java handlers, WASM modules,
 * test doubles): its identity, the subscription it chose in Configure, and closing once. Subclasses
 * say how a call is answered and what closing releases.
 */
public abstract class InProcessPlugin implements Plugin {
  private final String index;
  private final String name;
  private final Promise<Void> closed = Promise.promise();
  private volatile EventMask events = new EventMask(0);
  private volatile FailurePolicy policy = FailurePolicy.getDefaultInstance();
  private volatile String closeReason;

  protected InProcessPlugin(String index, String name) {
    this.index = index;
    this.name = name;
  }

  @Override
  public final String index() {
    return index;
  }

  @Override
  public final String name() {
    return name;
  }

  /** No process of its own: the runtime's pid, no uid or gid to report. */
  @Override
  public PeerIdentity peer() {
    return new PeerIdentity((int) ProcessHandle.current().pid(), -1, -1);
  }

  @Override
  public final EventMask events() {
    return events;
  }

  @Override
  public final FailurePolicy failurePolicy() {
    return policy;
  }

  @Override
  public final void subscribe(EventMask events, FailurePolicy policy) {
    this.events = events;
    this.policy = policy == null ? FailurePolicy.getDefaultInstance() : policy;
  }

  /** The reply for an event this plugin did not subscribe to, or null when the call is for it. */
  protected final <R extends Message> Future<PluginReply<R>> unsubscribed(PluginCall<?, R> call) {
    return call.event() != null && !events.has(call.event()) ? Future.succeededFuture(PluginReply.skipped(id())) : null;
  }

  @Override
  public final boolean isClosed() {
    return closed.future().isComplete();
  }

  @Override
  public final Future<Void> closeFuture() {
    return closed.future();
  }

  @Override
  public final String closeReason() {
    return closeReason;
  }

  /** Keeps the first reason; {@link #released()} runs on every call, so it must be idempotent. */
  @Override
  public final void close(String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    released();
    closed.tryComplete();
  }

  /** Frees what the plugin holds when it is closed; nothing by default. */
  protected void released() {
  }

  @Override
  public String toString() {
    return kind() + ":" + id();
  }
}
