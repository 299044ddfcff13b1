package io.nrivertx.stub;

import static io.nrivertx.testing.RuntimeFixture.await;

import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listening NRI socket whose every accepted connection becomes a {@link FakeRuntime}. */
final class FakeRuntimeServer implements AutoCloseable {
  private final NetServer server;
  private final BlockingQueue<FakeRuntime> accepted = new LinkedBlockingQueue<>();

  private FakeRuntimeServer(NetServer server) {
    this.server = server;
  }

  static FakeRuntimeServer listen(Vertx vertx, Path socket) {
    NetServer server = vertx.createNetServer();
    FakeRuntimeServer fake = new FakeRuntimeServer(server);
    server.connectHandler(so -> fake.accepted.add(
        new FakeRuntime(((NetSocketInternal) so).channelHandlerContext().channel())));
    await(server.listen(SocketAddress.domainSocketAddress(socket.toString())));
    return fake;
  }

  /** The next connection, waiting up to 10 s. */
  FakeRuntime next() throws InterruptedException {
    FakeRuntime rt = accepted.poll(10, TimeUnit.SECONDS);
    if (rt == null) {
      throw new AssertionError("no plugin connected within 10 s");
    }
    return rt;
  }

  @Override
  public void close() {
    await(server.close());
  }
}
