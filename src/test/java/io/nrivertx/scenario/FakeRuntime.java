package io.nrivertx.scenario;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.Domain;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An NriRuntime without plugins: records every request, answers with canned replies or refusals. */
final class FakeRuntime implements NriRuntime {
  record Sent(String method, Message request) {
  }

  final List<Sent> sent = new ArrayList<>();
  private final Map<String, Message> replies = new HashMap<>();
  private final Map<String, String> refusals = new HashMap<>();
  private Future<Void> plugins = Future.succeededFuture();

  FakeRuntime reply(String method, Message reply) {
    replies.put(method, reply);
    return this;
  }

  FakeRuntime refuse(String method, String error) {
    refusals.put(method, error);
    return this;
  }

  FakeRuntime pluginsFail(String error) {
    plugins = Future.failedFuture(error);
    return this;
  }

  List<String> methods() {
    return sent.stream().map(Sent::method).toList();
  }

  @SuppressWarnings("unchecked")
  <M extends Message> M last(String method) {
    return (M) sent.reversed().stream().filter(s -> s.method().equals(method)).findFirst().orElseThrow().request();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <Q extends Message, R extends Message> Future<R> request(PluginCall<Q, R> call, Q request,
                                                                   io.nrivertx.RequestOptions options) {
    sent.add(new Sent(call.method(), request));
    if (refusals.containsKey(call.method())) {
      return Future.failedFuture(new LifecycleException.Refused(refusals.get(call.method()), call.method(), null, 2));
    }
    try {
      R reply = replies.containsKey(call.method()) ? (R) replies.get(call.method()) : call.parser().parseFrom(new byte[0]);
      return Future.succeededFuture(reply);
    } catch (InvalidProtocolBufferException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public NriOptions options() {
    return new NriOptions();
  }

  @Override
  public NriAddresses addresses() {
    return new NriAddresses("fake");
  }

  @Override
  public Future<Void> addDomain(Domain domain) {
    return Future.failedFuture("the fake runtime has no domains");
  }

  @Override
  public Future<Void> addBuiltin(String name, String index, BuiltinHandler handler) {
    return Future.failedFuture("the fake runtime has no plugins");
  }

  @Override
  public Future<List<String>> plugins() {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Void> awaitPlugins(Collection<String> ids, Duration timeout) {
    return plugins;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
