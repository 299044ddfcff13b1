package io.nrivertx.relay;

import io.nrivertx.api.PodSandbox;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.stub.Updates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A plugin (on the project's Java stub) that floods the runtime with its own UpdateContainers as
 * soon as it is configured: {@code count} requests at once, each for one container.
 */
final class UpdateFlood implements NriPlugin, AutoCloseable {
  private final Stub stub;
  private final List<Future<?>> sent = new ArrayList<>();

  private UpdateFlood(Vertx vertx, Path socket) {
    stub = Stub.create(vertx, this, new StubOptions().setName("flood").setIndex("30")
        .setSocketPath(socket.toString()).setEnvironment(Map.of()));
  }

  static UpdateFlood start(Vertx vertx, Path socket, String containerId, int count) throws Exception {
    UpdateFlood f = new UpdateFlood(vertx, socket);
    f.stub.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    synchronized (f.sent) {
      for (int i = 0; i < count; i++) {
        f.sent.add(f.stub.updateContainers(List.of(Updates.of(containerId).setCpuShares(2 + i).build()), List.of()));
      }
    }
    return f;
  }

  @Override
  public Future<Void> runPodSandbox(PodSandbox pod) {
    return Future.succeededFuture();
  }

  /** Until every request of the flood has been answered; fails if any was refused. */
  void awaitDone(Duration timeout) throws Exception {
    List<Future<?>> all;
    synchronized (sent) {
      all = List.copyOf(sent);
    }
    Future.all(all).toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    stub.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
