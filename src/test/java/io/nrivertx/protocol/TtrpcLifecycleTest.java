package io.nrivertx.protocol;

import static io.nrivertx.protocol.Peers.assertFailed;
import static io.nrivertx.protocol.Peers.pump;
import static io.nrivertx.protocol.Peers.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.nrivertx.wire.TrackingAllocator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing: explicit, on protocol errors and when the channel goes away; pipeline placement. */
class TtrpcLifecycleTest {

  private static final String PLUGIN = "nri.pkg.api.v1alpha1.Plugin";

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel runtimeChannel = Peers.channel(alloc);
  private final EmbeddedChannel pluginChannel = Peers.channel(alloc);
  private final TtrpcConnection runtime =
      TtrpcConnection.attach(runtimeChannel, TtrpcRole.RUNTIME, "runtime-side");
  private final TtrpcConnection plugin =
      TtrpcConnection.attach(pluginChannel, TtrpcRole.PLUGIN, "plugin-side");

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  TtrpcLifecycleTest() {
    plugin.handle(PLUGIN, "Hang", (payload, timeout) -> Promise.<byte[]>promise().future());
  }

  @AfterEach
  void noLeaks() {
    runtimeChannel.finishAndReleaseAll();
    pluginChannel.finishAndReleaseAll();
    alloc.assertAllReleased();
  }

  @Test
  void closeFailsPendingCallsAndLaterOnes() {
    Future<byte[]> first = runtime.call(PLUGIN, "Hang", new byte[0], 0);
    Future<byte[]> second = runtime.call(PLUGIN, "Hang", new byte[0], 5000);
    pump(runtimeChannel, pluginChannel);

    runtime.close("plugin removed");

    TtrpcException e = assertFailed(first, TtrpcException.Kind.CLOSED, 14, null);
    assertTrue(e.isConnectionFatal());
    assertTrue(e.getMessage().contains("plugin removed"), e.getMessage());
    assertSame(e, second.cause(), "all pending calls fail with one exception");
    assertTrue(runtime.isClosed());
    assertEquals("plugin removed", runtime.closeReason());
    assertTrue(runtime.closeFuture().succeeded());
    assertFalse(runtimeChannel.isOpen());
    assertFailed(runtime.call(PLUGIN, "Hang", new byte[0], 0), TtrpcException.Kind.CLOSED, 14, null);
    runtime.close("again");
    assertEquals("plugin removed", runtime.closeReason(), "the first reason sticks");
  }

  @Test
  void garbageInputClosesConnectionAndFailsPending() {
    Future<byte[]> pending = runtime.call(PLUGIN, "Hang", new byte[0], 0);
    pump(runtimeChannel, pluginChannel);
    Peers.inject(runtimeChannel, alloc, new byte[] {0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    assertTrue(runtime.isClosed());
    assertTrue(runtime.closeReason().startsWith("protocol error: "), runtime.closeReason());
    TtrpcException e = assertFailed(pending, TtrpcException.Kind.CLOSED, 14, null);
    assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    assertFalse(runtimeChannel.isOpen());
  }

  @Test
  void unknownTtrpcTypeClosesConnection() {
    Future<byte[]> pending = runtime.call(PLUGIN, "Hang", new byte[0], 0);
    // A mux frame on conn 1 holding a ttrpc header of type 9.
    Peers.inject(runtimeChannel, alloc, new byte[] {0, 0, 0, 1, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 1, 9, 0});
    assertTrue(runtime.closeReason().contains("unknown ttrpc message type 9"), runtime.closeReason());
    assertFailed(pending, TtrpcException.Kind.CLOSED, 14, null);
  }

  @Test
  void channelCloseClosesConnection() {
    Future<byte[]> pending = runtime.call(PLUGIN, "Hang", new byte[0], 0);
    runtimeChannel.close();
    assertTrue(runtime.isClosed());
    assertFailed(pending, TtrpcException.Kind.CLOSED, 14, null);
    assertTrue(runtime.closeFuture().succeeded());
  }

  @Test
  void responsesAfterCloseAreDropped() {
    Promise<byte[]> answer = Promise.promise();
    plugin.handle(PLUGIN, "Later", (payload, timeout) -> answer.future());
    runtime.call(PLUGIN, "Later", new byte[0], 0);
    pump(runtimeChannel, pluginChannel);
    plugin.close("shutting down");
    answer.complete(utf8("too late"));
    assertNull(pluginChannel.readOutbound());
  }

  @Test
  void installsBeforeVertxHandlerAndConsumesTraffic() {
    List<Object> seenByVertx = new ArrayList<>();
    EmbeddedChannel socket = Peers.channel(alloc);
    socket.pipeline().addLast(TtrpcConnection.VERTX_HANDLER, new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        seenByVertx.add(msg);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        seenByVertx.add(cause);
      }
    });
    TtrpcConnection attached = TtrpcConnection.attach(socket, TtrpcRole.RUNTIME, "vertx-socket");
    List<String> names = socket.pipeline().names();
    assertEquals(List.of(TtrpcConnection.MUX_DECODER, TtrpcConnection.TTRPC_DEMUX,
        TtrpcConnection.MUX_ENCODER, TtrpcConnection.TTRPC_HANDLER, TtrpcConnection.VERTX_HANDLER),
        names.subList(0, 5));

    plugin.handle(PLUGIN, "Echo", (payload, timeout) -> Future.succeededFuture(payload));
    Future<byte[]> call = attached.call(PLUGIN, "Echo", utf8("x"), 0);
    pump(socket, pluginChannel);
    assertTrue(call.succeeded());
    Peers.inject(socket, alloc, new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
    assertTrue(attached.isClosed());
    assertTrue(seenByVertx.isEmpty(), () -> "leaked to Vert.x: " + seenByVertx);
    socket.finishAndReleaseAll();
  }
}
