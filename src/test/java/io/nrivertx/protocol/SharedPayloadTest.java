package io.nrivertx.protocol;

import static io.nrivertx.protocol.Peers.pump;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.nrivertx.api.ttrpc.KeyValue;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.wire.TrackingAllocator;
import io.nrivertx.wire.TtrpcFrame;
import io.nrivertx.wire.TtrpcInbound;
import io.nrivertx.wire.WireLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call whose payload is a buffer: the Request on the wire is byte for byte the one protobuf
 * would serialize, and the payload goes to every connection as its own memory, never copied.
 */
class SharedPayloadTest {
  private static final String PLUGIN = "nri.pkg.api.v1alpha1.Plugin";

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel one = Peers.channel(alloc);
  private final EmbeddedChannel two = Peers.channel(alloc);
  private final TtrpcConnection first = TtrpcConnection.attach(one, TtrpcRole.RUNTIME, "first");
  private final TtrpcConnection second = TtrpcConnection.attach(two, TtrpcRole.RUNTIME, "second");

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterEach
  void noLeaks() {
    one.finishAndReleaseAll();
    two.finishAndReleaseAll();
    alloc.assertAllReleased();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, 4000, 4050, 4100, 70_000})
  void oneBufferToTwoConnectionsWithoutACopy(int size) throws Exception {
    ByteBuf payload = alloc.directBuffer(Math.max(size, 1));
    for (int i = 0; i < size; i++) {
      payload.writeByte(i * 31);
    }
    byte[] original = ByteBufUtil.getBytes(payload);
    Map<String, String> md = new LinkedHashMap<>();
    md.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    first.call(PLUGIN, "CreateContainer", payload.retainedDuplicate(), 2000, md);
    second.call(PLUGIN, "CreateContainer", payload.retainedDuplicate(), 0, Map.of());
    if (size > 0) {
      // Written but not yet read by the peers: a change to the payload now must show in both writes.
      payload.setByte(0, payload.getByte(0) ^ 0x5a);
      original[0] ^= 0x5a;
    }
    payload.release();

    Request expectedFirst = Request.newBuilder().setService(PLUGIN).setMethod("CreateContainer")
        .setPayload(ByteString.copyFrom(original)).setTimeoutNano(2_000_000_000L)
        .addMetadata(KeyValue.newBuilder().setKey("traceparent").setValue(md.get("traceparent"))).build();
    Request expectedSecond = expectedFirst.toBuilder().clearTimeoutNano().clearMetadata().build();
    assertArrayEquals(expectedFirst.toByteArray(), received(one), "the exact bytes protobuf would write");
    assertArrayEquals(expectedSecond.toByteArray(), received(two));
  }

  /** The one Request body {@code channel} wrote, read back through a raw peer's decoders. */
  private byte[] received(EmbeddedChannel channel) {
    EmbeddedChannel peer = Peers.raw(alloc);
    pump(channel, peer);
    TtrpcInbound in = peer.readInbound();
    try {
      assertEquals(WireLimits.PLUGIN_SERVICE, in.connId());
      TtrpcFrame frame = (TtrpcFrame) in.message();
      assertEquals(WireLimits.TYPE_REQUEST, frame.type());
      return ByteBufUtil.getBytes(frame.data());
    } finally {
      in.release();
      assertFalse(peer.finishAndReleaseAll());
    }
  }
}
