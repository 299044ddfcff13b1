package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.PeerIdentity;
import io.nrivertx.plugin.InProcessPlugin;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An in-JVM plugin whose every answer a test decides: per method, a reply, a refusal, a
 * transport failure, or a future the test completes (or never does). Records each call with the
 * options it came with and the thread it ran on.
 */
final class FakePlugin extends InProcessPlugin {
  record Call(String method, Message request, CallOptions options, Thread thread) {
  }

  private final Map<String, Function<Message, Future<PluginReply<?>>>> behaviour = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private int configuredEvents;
  private FailurePolicy configuredPolicy = FailurePolicy.getDefaultInstance();
  private String kind = "builtin";

  FakePlugin(String index, String name, Event... subscribed) {
    super(index, name);
    for (Event e : subscribed) {
      configuredEvents |= EventMask.bit(e);
    }
  }

  /** How the plugin came ("external", "pre-connected", "builtin"). */
  FakePlugin kind(String kind) {
    this.kind = kind;
    return this;
  }

  /** The failure policy the plugin asks for in Configure. */
  FakePlugin policy(boolean failRequest, boolean keepConnected) {
    configuredPolicy = FailurePolicy.newBuilder().setFailRequest(failRequest).setKeepConnected(keepConnected).build();
    return this;
  }

  /** How the plugin answers {@code call}: {@code answer} gets the request. */
  @SuppressWarnings("unchecked")
  <Q extends Message, R extends Message> FakePlugin on(PluginCall<Q, R> call, Function<Q, Future<PluginReply<R>>> answer) {
    behaviour.put(call.method(), m -> (Future<PluginReply<?>>) (Future<?>) answer.apply((Q) m));
    return this;
  }

  /** Answers {@code call} with {@code reply}. */
  <Q extends Message, R extends Message> FakePlugin replies(PluginCall<Q, R> call, R reply) {
    return on(call, q -> Future.succeededFuture(PluginReply.ok(id(), reply, 1_000)));
  }

  /** Refuses {@code call} with an error status. */
  <Q extends Message, R extends Message> FakePlugin refuses(PluginCall<Q, R> call, String error) {
    return on(call, q -> Future.succeededFuture(PluginReply.error(id(), 2, error, 1_000)));
  }

  /** Answers {@code call} when {@code answer} completes (or never). */
  <Q extends Message, R extends Message> FakePlugin waits(PluginCall<Q, R> call, Future<R> answer) {
    return on(call, q -> answer.map(r -> PluginReply.ok(id(), r, 1_000)));
  }

  /** Breaks its connection on {@code call}, as a plugin that dies mid-event. */
  <Q extends Message, R extends Message> FakePlugin dies(PluginCall<Q, R> call) {
    return on(call, q -> {
      close("connection reset by peer");
      return Future.succeededFuture(PluginReply.closed(id(), "ttrpc: closed", "ttrpc: closed: connection reset", 1_000));
    });
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized List<String> methods() {
    return calls.stream().map(Call::method).toList();
  }

  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                            CallOptions options) {
    synchronized (this) {
      calls.add(new Call(call.method(), request, options, Thread.currentThread()));
    }
    Future<PluginReply<R>> skipped = unsubscribed(call);
    if (skipped != null) {
      return skipped;
    }
    if (call == PluginCall.CONFIGURE && !behaviour.containsKey(call.method())) {
      Message reply = ConfigureResponse.newBuilder().setEvents(configuredEvents).setFailurePolicy(configuredPolicy).build();
      return Future.succeededFuture(cast(PluginReply.ok(id(), reply, 1_000)));
    }
    Function<Message, Future<PluginReply<?>>> b = behaviour.get(call.method());
    if (b == null) {
      return Future.succeededFuture(PluginReply.ok(id(), call.emptyReply(), 1_000));
    }
    return b.apply(request).map(FakePlugin::cast);
  }

  @SuppressWarnings("unchecked")
  private static <R> PluginReply<R> cast(PluginReply<?> reply) {
    return (PluginReply<R>) reply;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public PeerIdentity peer() {
    return new PeerIdentity(4242, 0, 0);
  }

  @Override
  public String toString() {
    return "fake:" + id();
  }
}
