package io.nrivertx.wire;

import static io.nrivertx.wire.WireBytes.concat;
import static io.nrivertx.wire.WireBytes.mux;
import static io.nrivertx.wire.WireBytes.muxHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MuxFrameDecoderTest {

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel channel = new EmbeddedChannel();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  MuxFrameDecoderTest() {
    channel.config().setAllocator(alloc);
    channel.pipeline().addLast(new MuxFrameDecoder());
  }

  @AfterEach
  void noLeaks() {
    assertFalse(channel.finish());
    alloc.assertAllReleased();
  }

  @Test
  void decodesFramesFedOneByteAtATime() {
    byte[] bytes = concat(mux(1, text("hello")), mux(2, text("world!")));
    for (int i = 0; i < bytes.length - 1; i++) {
      channel.writeInbound(alloc.of(bytes[i]));
      if (i < 8 + 5 - 1) {
        assertNull(channel.readInbound(), "frame emitted early at byte " + i);
      }
    }
    assertFrame(1, "hello", channel.readInbound());
    assertNull(channel.readInbound());
    channel.writeInbound(alloc.of(bytes[bytes.length - 1]));
    assertFrame(2, "world!", channel.readInbound());
  }

  @Test
  void decodesSeveralFramesInOneBuffer() {
    channel.writeInbound(alloc.of(concat(mux(1, text("a")), mux(2, text("bc")), mux(1, text("def")))));
    assertFrame(1, "a", channel.readInbound());
    assertFrame(2, "bc", channel.readInbound());
    assertFrame(1, "def", channel.readInbound());
    assertNull(channel.readInbound());
  }

  @Test
  void waitsOnTruncatedHeaderWithoutError() {
    byte[] frame = mux(2, text("xyz"));
    channel.writeInbound(alloc.of(java.util.Arrays.copyOf(frame, 5)));
    assertNull(channel.readInbound());
    channel.writeInbound(alloc.of(java.util.Arrays.copyOfRange(frame, 5, frame.length)));
    assertFrame(2, "xyz", channel.readInbound());
  }

  @Test
  void emitsEmptyFrameForZeroLength() {
    channel.writeInbound(alloc.of(mux(1, new byte[0])));
    assertFrame(1, "", channel.readInbound());
  }

  @Test
  void keepsConnIdAboveSignedRange() {
    channel.writeInbound(alloc.of(mux(0x8000_0001L, text("x"))));
    assertFrame(0x8000_0001, "x", channel.readInbound());
  }

  @Test
  void rejectsOversizedFrameFromHeaderAlone() {
    WireException e = assertThrows(WireException.class,
        () -> channel.writeInbound(alloc.of(muxHeader(1, 0xFFFF_FFFFL))));
    assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(WireLimits.MAX_MUX_FRAME)), e.getMessage());
    assertEquals(1, alloc.allocations(), "nothing but the input may be allocated");
    // The stream is unusable afterwards: further bytes are swallowed, not decoded.
    channel.writeInbound(alloc.of(mux(1, text("late"))));
    assertNull(channel.readInbound());
  }

  @Test
  void acceptsFrameAtTheLimit() {
    channel.writeInbound(alloc.of(muxHeader(1, WireLimits.MAX_MUX_FRAME)));
    assertNull(channel.readInbound());
    channel.close(); // the partial frame is released with the decoder
  }

  @Test
  void rejectsConnIdZero() {
    WireException e = assertThrows(WireException.class,
        () -> channel.writeInbound(alloc.of(mux(0, text("x")))));
    assertTrue(e.getMessage().contains("conn id 0"), e.getMessage());
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertFrame(int connId, String payload, Object decoded) {
    MuxFrame frame = (MuxFrame) decoded;
    try {
      assertEquals(connId, frame.connId());
      assertArrayEquals(text(payload), ByteBufUtil.getBytes(frame.payload()));
    } finally {
      frame.release();
    }
  }
}
