package io.nrivertx.bench;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.domain.InMemoryDomain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * nri-vertx as an embedding runtime uses it: one instance deployed into a Vert.x with native
 * transport, an in-memory "k8s.io" domain holding the pods and containers, on a unix socket in
 * the case's directory. Timeouts are NRI's defaults, as in benchrunner (Go).
 */
final class JavaHarness implements AutoCloseable {
  final Vertx vertx;
  final InMemoryDomain domain = new InMemoryDomain("k8s.io");
  final Path socket;
  final NriRuntime nri;

  JavaHarness(Path dir) {
    socket = dir.resolve("nri.sock");
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    nri = await(NriRuntime.deploy(vertx, new NriOptions().setSocketPath(socket.toString())
        .setBusPrefix("bench"), domain));
  }

  void awaitPlugins(Collection<String> ids) {
    await(nri.awaitPlugins(ids, Duration.ofSeconds(60)));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      await(nri.close());
    } finally {
      await(vertx.close());
    }
  }
}
