package io.nrivertx.bench;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.Ops;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * nri-vertx as {@code run} sets it up: one instance deployed into a Vert.x built with the
 * process's options and the operations side (Prometheus registry with Vert.x and JVM metrics,
 * the HTTP endpoint on a free loopback port), an in-memory "k8s.io" domain holding the pods and
 * containers, on a unix socket in the case's directory. Timeouts are NRI's defaults, as in
 * benchrunner (Go).
 */
final class JavaHarness implements AutoCloseable {
  final Vertx vertx;
  final InMemoryDomain domain = new InMemoryDomain("k8s.io");
  final Path socket;
  final NriRuntime nri;

  JavaHarness(Path dir) {
    this(dir, new NriOptions());
  }

  /** With {@code options}' plugin path, WASM settings and the like; socket and bus prefix are the harness's. */
  JavaHarness(Path dir, NriOptions options) {
    socket = dir.resolve("nri.sock");
    // -Dbench.noOps=true leaves the operations side out, to see what it costs.
    Ops ops = Ops.create(new MetricsOptions().setAddress(Boolean.getBoolean("bench.noOps") ? "" : "127.0.0.1:0"));
    vertx = ops.vertxBuilder(Ops.processVertxOptions()).build();
    await(ops.start(vertx, Ops.processVertxOptions().getEventLoopPoolSize(), true));
    nri = await(NriRuntime.deploy(vertx, new NriOptions(options).setSocketPath(socket.toString())
        .setBusPrefix("bench").setObserver(ops.observer()), domain));
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
