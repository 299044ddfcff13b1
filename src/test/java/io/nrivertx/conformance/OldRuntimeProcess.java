package io.nrivertx.conformance;

import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.RequestOptions;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.Domain;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoRuntime;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * containerd/nri's adaptation of an old release (src/test/go-old/cmd/oldruntime, in a
 * {@link GoRuntime}) as the {@link NriRuntime} the scenario runner drives: events and replies as
 * v0.12 bytes, the updates the runtime must apply into the scenario's store. Only what the
 * scenario runner uses is implemented.
 */
final class OldRuntimeProcess implements NriRuntime {
  private final GoRuntime go;
  private final InMemoryDomain store;
  private final AwaitHook awaitHook;

  /** What "wait until the plugins registered" means for this run (a relay waits for its own). */
  interface AwaitHook {
    void await(GoRuntime runtime, Collection<String> ids, Duration timeout);
  }

  OldRuntimeProcess(String version, Path socket, Duration requestTimeout, InMemoryDomain store, Path log,
                    AwaitHook awaitHook) {
    this.store = store;
    this.awaitHook = awaitHook;
    this.go = GoRuntime.start(GoPeers.oldRuntime(version), socket, requestTimeout, log, JavaSide.RUNTIME_NAME,
        JavaSide.RUNTIME_VERSION).onUpdates(updates -> updates.forEach(store::updateContainer));
  }

  /** Hands the adaptation the store's pods and containers for Synchronize, and starts it. */
  void start() {
    go.state(await(store.listPods()), await(store.listContainers())).start();
  }

  @Override
  public <Q extends Message, R extends Message> Future<R> request(PluginCall<Q, R> call, Q request,
                                                                  RequestOptions options) {
    return go.request(call, request);
  }

  @Override
  public Future<Void> awaitPlugins(Collection<String> ids, Duration timeout) {
    try {
      awaitHook.await(go, ids, timeout);
      return Future.succeededFuture();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> close() {
    go.close();
    return Future.succeededFuture();
  }

  @Override
  public NriOptions options() {
    throw new UnsupportedOperationException("oldruntime has no nri-vertx options");
  }

  @Override
  public NriAddresses addresses() {
    throw new UnsupportedOperationException("oldruntime has no event bus");
  }

  @Override
  public Future<Void> addDomain(Domain domain) {
    return Future.failedFuture(new UnsupportedOperationException("oldruntime serves the scenario's store only"));
  }

  @Override
  public Future<Void> addBuiltin(String name, String index, BuiltinHandler handler) {
    return Future.failedFuture(new UnsupportedOperationException("oldruntime runs no builtin plugins"));
  }

  @Override
  public Future<List<String>> plugins() {
    return Future.failedFuture(new UnsupportedOperationException("oldruntime does not list its plugins"));
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
