package io.nrivertx.stub.v010.impl;

import io.nrivertx.stub.v010.V010Exception;
import io.nrivertx.stub.v010.V010Options;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NRI v0.1 client: for one request, reads the configuration afresh and runs the configured
 * plugins one after another, each seeing the results of those before it. The first failure ends
 * the chain, its message in NRI's form {@code plugin: TYPE: what went wrong}. One deadline
 * covers the whole chain.
 *
 * <p>Thread-safety: immutable; each call keeps its own state. Blocking work runs on workers.
 */
public final class V010Chain {
  private final Vertx vertx;
  private final Path confPath;
  private final List<String> searchPath;
  private final Map<String, String> childEnv;

  public V010Chain(Vertx vertx, V010Options options) {
    this.vertx = vertx;
    this.confPath = Path.of(options.getConfPath());
    Map<String, String> env = options.getEnvironment() != null ? options.getEnvironment() : System.getenv();
    this.searchPath = Executables.searchPath(env, options.getBinDirs());
    this.childEnv = Executables.childEnvironment(env, searchPath);
  }

  /** The directories searched for plugin binaries, in order. */
  public List<String> searchPath() {
    return searchPath;
  }

  /**
   * Runs the chain for {@code request}.
   *
   * @return the results of every plugin (empty when none is configured); fails with a
   *     {@link V010Exception} at the first plugin that fails, reports an error or runs past
   *     {@code timeout}
   */
  public Future<List<V010Result>> invoke(V010Request request, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return vertx.getOrCreateContext().executeBlocking(() -> V010Config.load(confPath), false)
        .compose(config -> next(config, request, 0, new ArrayList<>(), deadline, timeout));
  }

  private Future<List<V010Result>> next(V010Config config, V010Request request, int index,
                                        List<V010Result> results, long deadline, Duration timeout) {
    if (index == config.plugins().size()) {
      return Future.succeededFuture(List.copyOf(results));
    }
    V010Config.Plugin plugin = config.plugins().get(index);
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return Future.failedFuture(new V010Exception("plugin: " + plugin.type() + ": not run, the v0.1 chain's timeout ("
          + timeout.toMillis() + " ms) has passed"));
    }
    String json = request.toJson(config.version(), plugin.conf(), results).encode();
    return V010Process.run(vertx, plugin.type(), json, searchPath, childEnv, Duration.ofNanos(left))
        .recover(err -> Future.failedFuture(new V010Exception("plugin: " + plugin.type() + ": " + err.getMessage(), err)))
        .compose(result -> {
          if (!result.error().isEmpty()) {
            return Future.failedFuture(new V010Exception("plugin: " + plugin.type() + ": " + result.error()));
          }
          results.add(result);
          return next(config, request, index + 1, results, deadline, timeout);
        });
  }
}
