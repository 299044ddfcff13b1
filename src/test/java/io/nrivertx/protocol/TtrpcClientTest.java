package io.nrivertx.protocol;

import static io.nrivertx.protocol.Peers.assertFailed;
import static io.nrivertx.protocol.Peers.assertPending;
import static io.nrivertx.protocol.Peers.pump;
import static io.nrivertx.protocol.Peers.text;
import static io.nrivertx.protocol.Peers.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.nrivertx.api.rpc.Status;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.api.ttrpc.Response;
import io.nrivertx.wire.TrackingAllocator;
import io.nrivertx.wire.TtrpcFrame;
import io.nrivertx.wire.TtrpcInbound;
import io.nrivertx.wire.TtrpcOutbound;
import io.nrivertx.wire.WireLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The calling side: a RUNTIME-role connection against a PLUGIN-role one or a raw peer. */
class TtrpcClientTest {

  private static final String PLUGIN = "nri.pkg.api.v1alpha1.Plugin";
  private static final String RUNTIME = "nri.pkg.api.v1alpha1.Runtime";

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel runtimeChannel = Peers.channel(alloc);
  private final TtrpcConnection runtime =
      TtrpcConnection.attach(runtimeChannel, TtrpcRole.RUNTIME, "runtime-side");

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterEach
  void noLeaks() {
    runtimeChannel.finishAndReleaseAll();
    alloc.assertAllReleased();
  }

  @Test
  void callsAndServesInBothDirections() {
    EmbeddedChannel pluginChannel = Peers.channel(alloc);
    TtrpcConnection plugin = TtrpcConnection.attach(pluginChannel, TtrpcRole.PLUGIN, "plugin-side");
    plugin.handle(PLUGIN, "Configure",
        (payload, timeout) -> Future.succeededFuture(utf8("configured " + text(payload) + " " + timeout)));
    runtime.handle(RUNTIME, "RegisterPlugin",
        (payload, timeout) -> Future.succeededFuture(utf8("registered " + text(payload) + " " + timeout)));

    Future<byte[]> register = plugin.call(RUNTIME, "RegisterPlugin", utf8("10-x"), 0);
    Future<byte[]> configure = runtime.call(PLUGIN, "Configure", utf8("cfg"), 2000);
    pump(runtimeChannel, pluginChannel);

    assertEquals("registered 10-x 0", text(register.result()));
    assertEquals("configured cfg 2000000000", text(configure.result()));
    assertEquals(-1, runtimeChannel.runScheduledPendingTasks(), "the deadline timer must be cancelled");
    assertFalse(pluginChannel.finish());
  }

  @Test
  void sendsOddIncreasingStreamIdsAndTheDeadline() {
    EmbeddedChannel peer = Peers.raw(alloc);
    runtime.call(PLUGIN, "Synchronize", utf8("a"), 2000);
    runtime.call(PLUGIN, "Shutdown", new byte[0], 0);
    pump(runtimeChannel, peer);

    List<Request> requests = new ArrayList<>();
    for (int expectedId : new int[] {1, 3}) {
      TtrpcInbound in = peer.readInbound();
      try {
        assertEquals(WireLimits.PLUGIN_SERVICE, in.connId());
        TtrpcFrame frame = (TtrpcFrame) in.message();
        assertEquals(expectedId, frame.streamId());
        assertEquals(WireLimits.TYPE_REQUEST, frame.type());
        assertEquals(0, frame.flags());
        requests.add(Request.parseFrom(ByteBufUtil.getBytes(frame.data())));
      } catch (Exception e) {
        throw new AssertionError(e);
      } finally {
        in.release();
      }
    }
    assertEquals(Request.newBuilder().setService(PLUGIN).setMethod("Synchronize")
        .setPayload(ByteString.copyFromUtf8("a")).setTimeoutNano(2_000_000_000L).build(), requests.get(0));
    assertEquals(0, requests.get(1).getTimeoutNano());
    assertFalse(peer.finishAndReleaseAll());
  }

  @Test
  void perCallMetadataTravelsInTheRequest() throws Exception {
    EmbeddedChannel peer = Peers.raw(alloc);
    java.util.Map<String, String> md = new java.util.LinkedHashMap<>();
    md.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    md.put("tracestate", "vendor=1");
    runtime.call(PLUGIN, "CreateContainer", utf8("a"), 2000, md);
    pump(runtimeChannel, peer);
    TtrpcInbound in = peer.readInbound();
    try {
      Request request = Request.parseFrom(ByteBufUtil.getBytes(((TtrpcFrame) in.message()).data()));
      assertEquals(List.of("traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate=vendor=1"),
          request.getMetadataList().stream().map(kv -> kv.getKey() + "=" + kv.getValue()).toList());
    } finally {
      in.release();
    }
    assertFalse(peer.finishAndReleaseAll());
  }

  @Test
  void matchesResponsesOutOfOrder() {
    EmbeddedChannel pluginChannel = Peers.channel(alloc);
    TtrpcConnection plugin = TtrpcConnection.attach(pluginChannel, TtrpcRole.PLUGIN, "plugin-side");
    List<Promise<byte[]>> answers = new ArrayList<>();
    plugin.handle(PLUGIN, "Echo", (payload, timeout) -> {
      Promise<byte[]> answer = Promise.promise();
      answers.add(answer);
      return answer.future().map(prefix -> concat(prefix, payload));
    });
    List<Future<byte[]>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(runtime.call(PLUGIN, "Echo", utf8("#" + i), 1000));
    }
    pump(runtimeChannel, pluginChannel);
    assertEquals(3, answers.size());
    for (int i = 2; i >= 0; i--) {
      answers.get(i).complete(utf8("r"));
      pump(runtimeChannel, pluginChannel);
      assertEquals("r#" + i, text(calls.get(i).result()));
      if (i > 0) {
        assertPending(calls.get(i - 1));
      }
    }
    assertFalse(pluginChannel.finish());
  }

  @Test
  void deadlineFailsTheCallAndTheLateResponseIsDropped() {
    EmbeddedChannel pluginChannel = Peers.channel(alloc);
    TtrpcConnection plugin = TtrpcConnection.attach(pluginChannel, TtrpcRole.PLUGIN, "plugin-side");
    Promise<byte[]> slow = Promise.promise();
    plugin.handle(PLUGIN, "Slow", (payload, timeout) -> slow.future());
    plugin.handle(PLUGIN, "Fast", (payload, timeout) -> Future.succeededFuture(payload));

    runtimeChannel.freezeTime();
    Future<byte[]> call = runtime.call(PLUGIN, "Slow", new byte[0], 2000);
    pump(runtimeChannel, pluginChannel);
    runtimeChannel.advanceTimeBy(1999, TimeUnit.MILLISECONDS);
    runtimeChannel.runScheduledPendingTasks();
    assertPending(call);
    runtimeChannel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    runtimeChannel.runScheduledPendingTasks();
    TtrpcException e = assertFailed(call, TtrpcException.Kind.DEADLINE, 4, null);
    assertTrue(e.isConnectionFatal());
    assertTrue(e.getMessage().contains("Slow"), e.getMessage());

    slow.complete(utf8("late"));
    pump(runtimeChannel, pluginChannel);
    assertFalse(runtime.isClosed(), "a late response must not hurt the connection");
    Future<byte[]> next = runtime.call(PLUGIN, "Fast", utf8("ok"), 2000);
    pump(runtimeChannel, pluginChannel);
    assertEquals("ok", text(next.result()));
    assertFalse(pluginChannel.finish());
  }

  @Test
  void errorStatusFailsTheCallWithCodeAndMessage() {
    EmbeddedChannel peer = Peers.raw(alloc);
    Future<byte[]> call = runtime.call(PLUGIN, "CreateContainer", new byte[0], 0);
    pump(runtimeChannel, peer);
    ((TtrpcInbound) peer.readInbound()).release();
    respond(peer, 1, Response.newBuilder()
        .setStatus(Status.newBuilder().setCode(12).setMessage("method CreateContainer")).build());
    pump(runtimeChannel, peer);
    TtrpcException e = assertFailed(call, TtrpcException.Kind.STATUS, 12, "method CreateContainer");
    assertEquals(GrpcCode.UNIMPLEMENTED, e.grpcCode());
    assertFalse(e.isConnectionFatal());
    assertFalse(peer.finishAndReleaseAll());
  }

  @Test
  void missingStatusMeansOk() {
    EmbeddedChannel peer = Peers.raw(alloc);
    Future<byte[]> call = runtime.call(PLUGIN, "StopContainer", new byte[0], 0);
    pump(runtimeChannel, peer);
    ((TtrpcInbound) peer.readInbound()).release();
    respond(peer, 1, Response.newBuilder().setPayload(ByteString.copyFromUtf8("p")).build());
    pump(runtimeChannel, peer);
    assertEquals("p", text(call.result()));
    assertFalse(peer.finishAndReleaseAll());
  }

  @Test
  void oversizedResponseFailsOnlyThatCall() {
    EmbeddedChannel peer = Peers.raw(alloc);
    Future<byte[]> first = runtime.call(PLUGIN, "Synchronize", new byte[0], 0);
    Future<byte[]> second = runtime.call(PLUGIN, "Synchronize", new byte[0], 0);
    pump(runtimeChannel, peer);
    peer.releaseInbound();
    // A response announcing 4 MiB + 1 on stream 1, sent in Go-sized frames.
    int length = WireLimits.MAX_TTRPC_MESSAGE + 1;
    ByteBuffer ttrpc = ByteBuffer.allocate(10 + length).putInt(length).putInt(1).put((byte) 2).put((byte) 0);
    byte[] logical = ttrpc.array();
    for (int off = 0; off < logical.length; off += WireLimits.MAX_MUX_FRAME) {
      int n = Math.min(WireLimits.MAX_MUX_FRAME, logical.length - off);
      Peers.inject(runtimeChannel, alloc, ByteBuffer.allocate(8 + n).putInt(1).putInt(n)
          .put(logical, off, n).array());
    }
    assertFailed(first, TtrpcException.Kind.TOO_LARGE, 8,
        "message length 4194305 exceed maximum message size of 4194304");
    assertPending(second);
    respond(peer, 3, Response.newBuilder().setStatus(Status.getDefaultInstance()).build());
    pump(runtimeChannel, peer);
    assertTrue(second.succeeded());
    assertFalse(peer.finishAndReleaseAll());
  }

  @Test
  void refusesTooLargeRequestBeforeWriting() {
    byte[] payload = new byte[WireLimits.MAX_TTRPC_MESSAGE];
    Future<byte[]> call = runtime.call(PLUGIN, "Synchronize", payload, 2000);
    int size = Request.newBuilder().setService(PLUGIN).setMethod("Synchronize")
        .setPayload(ByteString.copyFrom(payload)).setTimeoutNano(2_000_000_000L).build()
        .getSerializedSize();
    TtrpcException e = assertFailed(call, TtrpcException.Kind.TOO_LARGE, 8,
        "message length " + size + " exceed maximum message size of 4194304");
    assertFalse(e.isConnectionFatal());
    assertNull(runtimeChannel.readOutbound());
    assertFalse(runtime.isClosed());
  }

  @Test
  void ignoresResponseForUnknownStream() {
    EmbeddedChannel peer = Peers.raw(alloc);
    respond(peer, 99, Response.newBuilder().setStatus(Status.getDefaultInstance()).build());
    pump(runtimeChannel, peer);
    assertFalse(runtime.isClosed());
    assertFalse(peer.finishAndReleaseAll());
  }

  @Test
  void rejectsNegativeTimeout() {
    assertTrue(runtime.call(PLUGIN, "X", new byte[0], -1).cause() instanceof IllegalArgumentException);
  }

  private static void respond(EmbeddedChannel peer, int streamId, Response response) {
    peer.writeOutbound(new TtrpcOutbound(WireLimits.PLUGIN_SERVICE, streamId,
        WireLimits.TYPE_RESPONSE, (byte) 0, response.toByteArray()));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void payloadIsDeliveredByteExact() {
    EmbeddedChannel pluginChannel = Peers.channel(alloc);
    TtrpcConnection plugin = TtrpcConnection.attach(pluginChannel, TtrpcRole.PLUGIN, "plugin-side");
    plugin.handle(PLUGIN, "Echo", (payload, timeout) -> Future.succeededFuture(payload));
    byte[] big = new byte[3 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i ^ (i >>> 9));
    }
    Future<byte[]> call = runtime.call(PLUGIN, "Echo", big, 0);
    pump(runtimeChannel, pluginChannel);
    assertArrayEquals(big, call.result());
    assertFalse(pluginChannel.finish());
  }
}
