package io.nrivertx.conformance;

import static io.nrivertx.testing.RuntimeFixture.await;

import io.nrivertx.NriOptions;
import io.nrivertx.cri.CriOptions;
import io.nrivertx.cri.CriServer;
import io.nrivertx.cri.Crictl;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CRI bench in this JVM, on sockets and state of its own under {@code dir}, with the NRI
 * timeouts the containerd harness gives containerd (docs/containerd-harness.md).
 */
final class BenchSide implements CriSide {
  private final Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
  private final Path nriSocket;
  private final Crictl crictl;
  private final CriServer server;

  BenchSide(Path dir) {
    nriSocket = dir.resolve("nri.sock");
    Path criSocket = dir.resolve("cri.sock");
    try {
      server = await(CriServer.start(vertx, new NriOptions().setSocketPath(nriSocket.toString())
          .setRegistrationTimeout(Duration.ofSeconds(5)).setRequestTimeout(Duration.ofSeconds(2))
          .setBusPrefix("side-by-side"),
          new CriOptions().setSocketPath(criSocket.toString()).setStateDir(dir.resolve("state").toString())));
    } catch (RuntimeException | Error e) {
      await(vertx.close());
      throw e;
    }
    crictl = new Crictl(criSocket);
  }

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public Crictl crictl() {
    return crictl;
  }

  @Override
  public Path nriSocket() {
    return nriSocket;
  }

  @Override
  public String tail() {
    return "(the bench logs into this JVM's log)";
  }

  @Override
  public void close() {
    try {
      await(server.close());
    } finally {
      await(vertx.close());
    }
  }
}
