package io.nrivertx.wire;

import static io.nrivertx.wire.WireBytes.concat;
import static io.nrivertx.wire.WireBytes.mux;
import static io.nrivertx.wire.WireBytes.pattern;
import static io.nrivertx.wire.WireBytes.ttrpc;
import static io.nrivertx.wire.WireBytes.ttrpcHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtrpcDemuxDecoderTest {

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel channel = new EmbeddedChannel();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  TtrpcDemuxDecoderTest() {
    channel.config().setAllocator(alloc);
    channel.pipeline().addLast(new MuxFrameDecoder(), new TtrpcDemuxDecoder(Set.of(1, 2)));
  }

  @AfterEach
  void noLeaks() {
    assertFalse(channel.finish());
    alloc.assertAllReleased();
  }

  @Test
  void reassemblesMessagesSplitOverInterleavedFrames() {
    byte[] one = ttrpc(1, 1, 0, pattern(10_000, 1));
    byte[] two = ttrpc(3, 2, 0, pattern(3_000, 2));
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0, j = 0; i < one.length || j < two.length; i += 100, j += 37) {
      if (i < one.length) {
        frames.add(mux(1, Arrays.copyOfRange(one, i, Math.min(one.length, i + 100))));
      }
      if (j < two.length) {
        frames.add(mux(2, Arrays.copyOfRange(two, j, Math.min(two.length, j + 37))));
      }
    }
    byte[] trunk = concat(frames.toArray(byte[][]::new));
    // Written in odd-sized pieces so mux frames straddle reads too.
    for (int i = 0; i < trunk.length; i += 333) {
      channel.writeInbound(alloc.of(Arrays.copyOfRange(trunk, i, Math.min(trunk.length, i + 333))));
    }
    assertInbound(2, 3, pattern(3_000, 2), channel.readInbound());
    assertInbound(1, 1, pattern(10_000, 1), channel.readInbound());
    assertNull(channel.readInbound());
  }

  @Test
  void dropsFramesForUnopenedConnIds() {
    channel.writeInbound(alloc.of(concat(
        mux(3, ttrpc(1, 1, 0, pattern(20, 0))),
        mux(1, ttrpc(1, 1, 0, pattern(5, 1))),
        mux(0xFFFF_FFFFL, new byte[] {9, 9, 9}))));
    assertInbound(1, 1, pattern(5, 1), channel.readInbound());
    assertNull(channel.readInbound());
  }

  @Test
  void discardsOversizedMessageAcrossFramesThenDecodesNext() {
    long length = WireLimits.MAX_TTRPC_MESSAGE + 100L;
    channel.writeInbound(alloc.of(mux(1, ttrpcHeader(length, 5, WireLimits.TYPE_REQUEST))));
    byte[] chunk = new byte[WireLimits.MAX_MUX_FRAME];
    long left = length;
    while (left > 0) {
      int n = (int) Math.min(left, chunk.length);
      channel.writeInbound(alloc.of(mux(1, Arrays.copyOf(chunk, n))));
      left -= n;
    }
    channel.writeInbound(alloc.of(mux(1, ttrpc(7, 1, 0, pattern(9, 9)))));
    TtrpcInbound oversized = channel.readInbound();
    assertEquals(new TtrpcInbound(1, new TtrpcOversized(5, WireLimits.TYPE_REQUEST, length)), oversized);
    assertInbound(1, 7, pattern(9, 9), channel.readInbound());
  }

  @Test
  void unknownTtrpcTypeIsFatal() {
    WireException e = assertThrows(WireException.class,
        () -> channel.writeInbound(alloc.of(mux(2, ttrpc(1, 9, 0, new byte[0])))));
    assertTrue(e.getMessage().contains("type 9"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void randomTrunkBytesEndInWireException(long seed) {
    assertGarbageFails(seed, bytes -> bytes);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void randomTtrpcBytesInValidFramesEndInWireException(long seed) {
    assertGarbageFails(seed, bytes -> mux(1 + (seed & 1), bytes));
  }

  private void assertGarbageFails(long seed, java.util.function.UnaryOperator<byte[]> wrap) {
    Random random = new Random(seed);
    for (int i = 0; i < 1024; i++) {
      byte[] bytes = new byte[1024];
      random.nextBytes(bytes);
      try {
        channel.writeInbound(alloc.of(wrap.apply(bytes)));
      } catch (WireException expected) {
        drain();
        assertTrue(alloc.allocations() <= 2 * (i + 1) + 2, "decoder allocated for garbage");
        return;
      }
      drain();
    }
    fail("1 MiB of random bytes (seed " + seed + ") did not fail the decoder");
  }

  private void drain() {
    for (Object m; (m = channel.readInbound()) != null; ) {
      ((TtrpcInbound) m).release();
    }
  }

  private static void assertInbound(int connId, int streamId, byte[] data, Object decoded) {
    TtrpcInbound inbound = (TtrpcInbound) decoded;
    try {
      assertEquals(connId, inbound.connId());
      TtrpcFrame frame = (TtrpcFrame) inbound.message();
      assertEquals(streamId, frame.streamId());
      assertArrayEquals(data, ByteBufUtil.getBytes(frame.data()));
    } finally {
      inbound.release();
    }
  }
}
