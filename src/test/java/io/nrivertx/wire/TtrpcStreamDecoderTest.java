package io.nrivertx.wire;

import static io.nrivertx.wire.WireBytes.concat;
import static io.nrivertx.wire.WireBytes.pattern;
import static io.nrivertx.wire.WireBytes.ttrpc;
import static io.nrivertx.wire.WireBytes.ttrpcHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtrpcStreamDecoderTest {

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final TtrpcStreamDecoder decoder = new TtrpcStreamDecoder(alloc);
  private final List<Object> out = new ArrayList<>();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterEach
  void noLeaks() {
    out.forEach(m -> ((TtrpcMessage) m).release());
    decoder.close();
    alloc.assertAllReleased();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 10, 11, 100, 4096})
  void reassemblesMessagesAcrossChunks(int chunkSize) {
    byte[] first = pattern(1000, 1);
    byte[] second = pattern(17, 2);
    feedInChunks(concat(ttrpc(1, 1, 0, first), ttrpc(3, 2, 5, second)), chunkSize);
    assertEquals(2, out.size());
    assertFrame(1, WireLimits.TYPE_REQUEST, 0, first, out.get(0));
    assertFrame(3, WireLimits.TYPE_RESPONSE, 5, second, out.get(1));
  }

  @Test
  void decodesSeveralMessagesInOneChunkWithoutCopying() {
    feed(concat(ttrpc(1, 1, 0, pattern(50, 1)), ttrpc(3, 1, 0, pattern(60, 2))));
    assertEquals(2, out.size());
    assertFrame(3, WireLimits.TYPE_REQUEST, 0, pattern(60, 2), out.get(1));
    assertEquals(0, alloc.allocations(), "a body within one chunk is shared, not copied");
  }

  @Test
  void emitsEmptyMessage() {
    feed(ttrpc(5, 2, 0, new byte[0]));
    assertFrame(5, WireLimits.TYPE_RESPONSE, 0, new byte[0], out.getFirst());
  }

  @Test
  void decodesMessageOfExactlyTheLimit() {
    byte[] data = pattern(WireLimits.MAX_TTRPC_MESSAGE, 3);
    feedInChunks(ttrpc(1, 1, 0, data), 4096);
    assertFrame(1, WireLimits.TYPE_REQUEST, 0, data, out.getFirst());
  }

  @Test
  void discardsOversizedMessageWithoutAllocatingAndKeepsDecoding() {
    long length = WireLimits.MAX_TTRPC_MESSAGE + 1L;
    feed(ttrpcHeader(length, 7, WireLimits.TYPE_REQUEST));
    byte[] junk = new byte[64 * 1024];
    long left = length;
    while (left > junk.length) {
      feed(junk);
      left -= junk.length;
      assertTrue(out.isEmpty());
    }
    // The tail of the oversized body and a normal message share the last chunk.
    byte[] next = pattern(33, 4);
    feed(concat(new byte[(int) left], ttrpc(9, 1, 0, next)));
    assertEquals(new TtrpcOversized(7, WireLimits.TYPE_REQUEST, length), out.get(0));
    assertFrame(9, WireLimits.TYPE_REQUEST, 0, next, out.get(1));
    assertEquals(0, alloc.allocations());
  }

  @Test
  void reportsOversizedAnnouncementUpToFourGiB() {
    feed(ttrpcHeader(0xFFFF_FFFFL, 1, WireLimits.TYPE_RESPONSE));
    feed(new byte[1000]);
    assertTrue(out.isEmpty());
    assertEquals(0, alloc.allocations());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, 7, 255})
  void rejectsUnknownMessageType(int type) {
    WireException e = assertThrows(WireException.class, () -> feed(ttrpc(1, type, 0, pattern(4, 0))));
    assertTrue(e.getMessage().contains("type " + type), e.getMessage());
    feed(ttrpc(3, 1, 0, pattern(4, 0)));
    assertTrue(out.isEmpty(), "input after a framing error must be ignored");
  }

  @Test
  void closeReleasesPartialMessage() {
    byte[] message = ttrpc(1, 1, 0, pattern(5000, 5));
    feed(Arrays.copyOf(message, 10 + 100));
    feed(Arrays.copyOfRange(message, 110, 3000));
    assertEquals(1, alloc.allocations());
    decoder.close();
    alloc.assertAllReleased();
  }

  private void feedInChunks(byte[] bytes, int chunkSize) {
    for (int i = 0; i < bytes.length; i += chunkSize) {
      feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize)));
    }
  }

  private void feed(byte[] bytes) {
    ByteBuf chunk = Unpooled.wrappedBuffer(bytes);
    try {
      decoder.feed(chunk, out);
      assertEquals(0, chunk.readableBytes(), "feed must consume the whole chunk");
    } finally {
      chunk.release();
    }
  }

  private static void assertFrame(int streamId, byte type, int flags, byte[] data, Object decoded) {
    TtrpcFrame frame = (TtrpcFrame) decoded;
    assertEquals(streamId, frame.streamId());
    assertEquals(type, frame.type());
    assertEquals(flags, frame.flags());
    assertArrayEquals(data, ByteBufUtil.getBytes(frame.data()));
  }
}
