package io.nrivertx.protocol;

import static io.nrivertx.protocol.Peers.text;
import static io.nrivertx.protocol.Peers.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real event loops and threads: calls from foreign threads, handlers completing elsewhere. */
class TtrpcEventLoopTest {

  private static final String PLUGIN = "nri.pkg.api.v1alpha1.Plugin";

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());

  @AfterEach
  void shutdown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void concurrentCallsFromOtherThreadsAreAnswered() throws Exception {
    LocalAddress address = new LocalAddress("ttrpc-" + System.nanoTime());
    CompletableFuture<TtrpcConnection> served = new CompletableFuture<>();
    Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {
            TtrpcConnection plugin = TtrpcConnection.attach(ch, TtrpcRole.PLUGIN, "plugin");
            // Completes on a foreign thread: the response must still be written on the loop.
            plugin.handle(PLUGIN, "Echo", (payload, timeout) -> {
              Promise<byte[]> answer = Promise.promise();
              CompletableFuture.runAsync(() -> answer.complete(payload));
              return answer.future();
            });
            served.complete(plugin);
          }
        }).bind(address).sync().channel();
    Channel socket = new Bootstrap().group(group).channel(LocalChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {}
        }).connect(address).sync().channel();
    TtrpcConnection runtime = TtrpcConnection.attach(socket, TtrpcRole.RUNTIME, "runtime");
    socket.config().setAutoRead(true);

    List<Future<byte[]>> calls = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 50; i++) {
          Future<byte[]> call = runtime.call(PLUGIN, "Echo", utf8(thread + ":" + i), 5000);
          synchronized (calls) {
            calls.add(call);
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (Future<byte[]> call : calls) {
      byte[] result = call.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(text(result).matches("\\d:\\d+"));
    }
    assertEquals(200, calls.size());

    TtrpcConnection plugin = served.get(5, TimeUnit.SECONDS);
    runtime.close("test over");
    runtime.closeFuture().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    plugin.closeFuture().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertTrue(plugin.closeReason().contains("closed"), plugin.closeReason());
    server.close().sync();
  }

  /** The stub tests' fake runtime once attached so, off the loop: its first request was sometimes lost. */
  @Test
  void attachingOffTheLoopToAChannelThatReadsIsRefused() throws Exception {
    LocalAddress address = new LocalAddress("ttrpc-" + System.nanoTime());
    Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {}
        }).bind(address).sync().channel();
    Channel socket = new Bootstrap().group(group).channel(LocalChannel.class)
        .handler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {}
        }).connect(address).sync().channel();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TtrpcConnection.attach(socket, TtrpcRole.RUNTIME, "runtime"));
    assertTrue(e.getMessage().contains("auto-read off until attached"), e.getMessage());
    socket.close().sync();
    server.close().sync();
  }

  @Test
  void aRequestSentBeforeAnOffLoopAttachWithAutoReadOffIsServed() throws Exception {
    LocalAddress address = new LocalAddress("ttrpc-" + System.nanoTime());
    CompletableFuture<Channel> accepted = new CompletableFuture<>();
    Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {
            accepted.complete(ch);
          }
        }).bind(address).sync().channel();
    Channel socket = new Bootstrap().group(group).channel(LocalChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .handler(new ChannelInitializer<LocalChannel>() {
          @Override
          protected void initChannel(LocalChannel ch) {}
        }).connect(address).sync().channel();
    TtrpcConnection runtime = TtrpcConnection.attach(socket, TtrpcRole.RUNTIME, "runtime");
    socket.config().setAutoRead(true);
    Future<byte[]> call = runtime.call(PLUGIN, "Echo", utf8("first"), 10_000);
    Channel served = accepted.get(5, TimeUnit.SECONDS);
    // The request is written before the other side serves: auto-read off keeps it until then.
    served.eventLoop().submit(() -> {
      TtrpcConnection plugin = TtrpcConnection.attach(served, TtrpcRole.PLUGIN, "plugin");
      plugin.handle(PLUGIN, "Echo", (payload, timeout) -> Future.succeededFuture(payload));
      served.config().setAutoRead(true);
    }).sync();
    assertEquals("first", text(call.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)));
    runtime.close("test over");
    server.close().sync();
  }
}
