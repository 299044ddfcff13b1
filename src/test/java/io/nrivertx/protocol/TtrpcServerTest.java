package io.nrivertx.protocol;

import static io.nrivertx.protocol.Peers.pump;
import static io.nrivertx.protocol.Peers.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.api.ttrpc.Response;
import io.nrivertx.wire.TrackingAllocator;
import io.nrivertx.wire.TtrpcFrame;
import io.nrivertx.wire.TtrpcInbound;
import io.nrivertx.wire.TtrpcOutbound;
import io.nrivertx.wire.WireLimits;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serving side: a PLUGIN-role connection answering a raw ttrpc client on conn 1. */
class TtrpcServerTest {

  private static final String PLUGIN = "nri.pkg.api.v1alpha1.Plugin";

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel serverChannel = Peers.channel(alloc);
  private final TtrpcConnection server =
      TtrpcConnection.attach(serverChannel, TtrpcRole.PLUGIN, "server-side");
  private final EmbeddedChannel client = Peers.raw(alloc);
  private final List<Long> timeouts = new ArrayList<>();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  TtrpcServerTest() {
    server.handle(PLUGIN, "Echo", (payload, timeout) -> {
      timeouts.add(timeout);
      return Future.succeededFuture(payload);
    });
  }

  @AfterEach
  void noLeaks() {
    assertFalse(client.finishAndReleaseAll());
    serverChannel.finishAndReleaseAll();
    alloc.assertAllReleased();
  }

  @Test
  void successCarriesEmptyStatusAndPayload() throws Exception {
    send(1, request(PLUGIN, "Echo", "hi", 7));
    Response response = response(1);
    assertTrue(response.hasStatus(), "Go sends an empty status on success");
    assertEquals(0, response.getStatus().getCode());
    assertEquals("", response.getStatus().getMessage());
    assertEquals("hi", response.getPayload().toStringUtf8());
    assertEquals(List.of(7L), timeouts);
  }

  @Test
  void unknownServiceAndMethodAreUnimplemented() throws Exception {
    send(1, request("nri.pkg.api.v1alpha1.Nope", "Echo", "", 0));
    assertStatus(response(1), 12, "service nri.pkg.api.v1alpha1.Nope");
    send(3, request(PLUGIN, "ValidateContainerAdjustment", "", 0));
    assertStatus(response(3), 12, "method ValidateContainerAdjustment");
  }

  @Test
  void evenStreamIdIsInvalid() throws Exception {
    send(2, request(PLUGIN, "Echo", "x", 0));
    assertStatus(response(2), 3, "StreamID must be odd for client initiated streams");
    assertTrue(timeouts.isEmpty(), "the handler must not run");
  }

  @Test
  void reusedOrDecreasingStreamIdIsInvalid() throws Exception {
    send(5, request(PLUGIN, "Echo", "a", 0));
    assertEquals("a", response(5).getPayload().toStringUtf8());
    send(5, request(PLUGIN, "Echo", "b", 0));
    assertStatus(response(5), 3, "StreamID cannot be re-used and must increment");
    send(3, request(PLUGIN, "Echo", "c", 0));
    assertStatus(response(3), 3, "StreamID cannot be re-used and must increment");
    send(7, request(PLUGIN, "Echo", "d", 0));
    assertEquals("d", response(7).getPayload().toStringUtf8());
    assertEquals(2, timeouts.size());
  }

  @Test
  void handlerFailuresBecomeStatuses() throws Exception {
    server.handle(PLUGIN, "Fail", (p, t) -> Future.failedFuture(new IllegalStateException("boom")));
    server.handle(PLUGIN, "Throw", (p, t) -> {
      throw new IllegalArgumentException("thrown");
    });
    server.handle(PLUGIN, "Status",
        (p, t) -> Future.failedFuture(new TtrpcException(GrpcCode.NOT_FOUND, "no such pod")));
    server.handle(PLUGIN, "Nil", (p, t) -> Future.succeededFuture(null));
    send(1, request(PLUGIN, "Fail", "", 0));
    assertStatus(response(1), 2, "boom");
    send(3, request(PLUGIN, "Throw", "", 0));
    assertStatus(response(3), 2, "thrown");
    send(5, request(PLUGIN, "Status", "", 0));
    assertStatus(response(5), 5, "no such pod");
    send(7, request(PLUGIN, "Nil", "", 0));
    assertStatus(response(7), 2, "ttrpc: marshal called with nil");
  }

  @Test
  void oversizedRequestIsAnsweredWithResourceExhausted() throws Exception {
    int length = WireLimits.MAX_TTRPC_MESSAGE + 5;
    byte[] logical = ByteBuffer.allocate(10 + length).putInt(length).putInt(9).put((byte) 1)
        .put((byte) 0).array();
    for (int off = 0; off < logical.length; off += WireLimits.MAX_MUX_FRAME) {
      int n = Math.min(WireLimits.MAX_MUX_FRAME, logical.length - off);
      Peers.inject(serverChannel, alloc,
          ByteBuffer.allocate(8 + n).putInt(1).putInt(n).put(logical, off, n).array());
    }
    pump(serverChannel, client);
    assertStatus(response(9), 8, "message length 4194309 exceed maximum message size of 4194304");
    assertFalse(server.isClosed());
    send(11, request(PLUGIN, "Echo", "still here", 0));
    assertEquals("still here", response(11).getPayload().toStringUtf8());
  }

  @Test
  void unparseableRequestIsInvalidArgument() throws Exception {
    // Field 1 announces 5 bytes but the message ends: not a valid Request.
    client.writeOutbound(new TtrpcOutbound(1, 1, WireLimits.TYPE_REQUEST, (byte) 0, new byte[] {0x0a, 5}));
    pump(serverChannel, client);
    Response response = response(1);
    assertEquals(3, response.getStatus().getCode());
    assertTrue(response.getStatus().getMessage().startsWith("unmarshal request error: "),
        response.getStatus().getMessage());
    assertFalse(server.isClosed());
  }

  @Test
  void dataMessagesAreRefusedAndResponsesIgnored() throws Exception {
    client.writeOutbound(new TtrpcOutbound(1, 1, WireLimits.TYPE_DATA, (byte) 0, new byte[0]));
    client.writeOutbound(new TtrpcOutbound(1, 3, WireLimits.TYPE_RESPONSE, (byte) 0, new byte[0]));
    pump(serverChannel, client);
    assertStatus(response(1), 3, "StreamID is no longer active");
    assertNull(client.readInbound());
  }

  @Test
  void registeringTwiceFails() {
    assertThrows(IllegalStateException.class,
        () -> server.handle(PLUGIN, "Echo", (p, t) -> Future.succeededFuture(p)));
  }

  @Test
  void requestsOnTheClientConnAreNotServed() {
    // Conn 2 is where a PLUGIN-role connection is the client: a request there gets no answer.
    client.writeOutbound(new TtrpcOutbound(2, 1, WireLimits.TYPE_REQUEST, (byte) 0,
        request(PLUGIN, "Echo", "x", 0).toByteArray()));
    pump(serverChannel, client);
    assertNull(client.readInbound());
    assertTrue(timeouts.isEmpty());
  }

  private static Request request(String service, String method, String payload, long timeout) {
    return Request.newBuilder().setService(service).setMethod(method)
        .setPayload(ByteString.copyFromUtf8(payload)).setTimeoutNano(timeout).build();
  }

  private void send(int streamId, Request request) {
    client.writeOutbound(new TtrpcOutbound(WireLimits.PLUGIN_SERVICE, streamId,
        WireLimits.TYPE_REQUEST, (byte) 0, request.toByteArray()));
    pump(serverChannel, client);
  }

  private Response response(int streamId) throws InvalidProtocolBufferException {
    TtrpcInbound in = client.readInbound();
    try {
      assertEquals(WireLimits.PLUGIN_SERVICE, in.connId());
      TtrpcFrame frame = (TtrpcFrame) in.message();
      assertEquals(streamId, frame.streamId());
      assertEquals(WireLimits.TYPE_RESPONSE, frame.type());
      assertEquals(0, frame.flags());
      return Response.parseFrom(ByteBufUtil.getBytes(frame.data()));
    } finally {
      in.release();
    }
  }

  private static void assertStatus(Response response, int code, String message) {
    assertEquals(code, response.getStatus().getCode());
    assertEquals(message, response.getStatus().getMessage());
    assertTrue(response.getPayload().isEmpty(), "an error response carries no payload");
  }

  @Test
  void payloadRoundTripsAsGiven() throws Exception {
    send(1, request(PLUGIN, "Echo", "ünïcødé", 0));
    assertEquals("ünïcødé", text(response(1).getPayload().toByteArray()));
  }
}
