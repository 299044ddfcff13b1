package io.nrivertx.wire;

import static io.nrivertx.wire.WireBytes.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TtrpcMuxEncoderTest {

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final EmbeddedChannel channel = new EmbeddedChannel();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  TtrpcMuxEncoderTest() {
    channel.config().setAllocator(alloc);
    channel.pipeline().addLast(new TtrpcMuxEncoder());
  }

  @AfterEach
  void noLeaks() {
    assertFalse(channel.finish());
    alloc.assertAllReleased();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4085, 4086, 4087, 10_000, 1 << 20, WireLimits.MAX_TTRPC_MESSAGE})
  void writesGoShapedFramesHeaderFrameAtMost4096ThenTheRest(int size) {
    byte[] data = pattern(size, 7);
    channel.writeOutbound(new TtrpcOutbound(2, 11, WireLimits.TYPE_RESPONSE, (byte) 0, data));
    List<byte[]> payloads = frames(channel.readOutbound(), 2);
    int logical = size + 10;
    List<Integer> expected = logical <= 4096 ? List.of(logical) : List.of(4096, logical - 4096);
    assertEquals(expected, payloads.stream().map(b -> b.length).toList());
    assertArrayEquals(ByteBuffer.allocate(logical).putInt(size).putInt(11).put((byte) 2)
        .put((byte) 0).put(data).array(), join(payloads));
    assertEquals(TtrpcMuxEncoder.encodedLength(size), logical + 8 * payloads.size());
  }

  @Test
  void neverPutsTwoMessagesInOneFrame() {
    channel.writeOutbound(new TtrpcOutbound(1, 1, WireLimits.TYPE_REQUEST, (byte) 0, pattern(5, 1)));
    channel.writeOutbound(new TtrpcOutbound(1, 3, WireLimits.TYPE_REQUEST, (byte) 0, pattern(5000, 2)));
    // One buffer per message, each made only of whole frames of that message.
    assertEquals(15, join(frames(channel.readOutbound(), 1)).length);
    List<byte[]> second = frames(channel.readOutbound(), 1);
    assertEquals(List.of(4096, 914), second.stream().map(b -> b.length).toList());
    assertNull(channel.readOutbound());
  }

  @Test
  void refusesBodyOverTheLimit() {
    byte[] data = new byte[WireLimits.MAX_TTRPC_MESSAGE + 1];
    EncoderException e = assertThrows(EncoderException.class, () -> channel.writeOutbound(
        new TtrpcOutbound(1, 1, WireLimits.TYPE_REQUEST, (byte) 0, data)));
    assertTrue(e.getMessage().contains(String.valueOf(data.length)), e.getMessage());
    assertNull(channel.readOutbound());
  }

  @Test
  void roundTripsOneMebibyteThroughTheDecoders() {
    EmbeddedChannel receiver = new EmbeddedChannel();
    receiver.config().setAllocator(alloc);
    receiver.pipeline().addLast(new MuxFrameDecoder(), new TtrpcDemuxDecoder(Set.of(1, 2)));
    byte[] data = pattern(1 << 20, 3);
    channel.writeOutbound(new TtrpcOutbound(1, 41, WireLimits.TYPE_REQUEST, (byte) 0, data));
    channel.writeOutbound(new TtrpcOutbound(2, 43, WireLimits.TYPE_RESPONSE, (byte) 0, new byte[0]));
    for (Object out; (out = channel.readOutbound()) != null; ) {
      receiver.writeInbound(out);
    }
    TtrpcInbound big = receiver.readInbound();
    TtrpcInbound empty = receiver.readInbound();
    try {
      assertEquals(1, big.connId());
      TtrpcFrame frame = assertInstanceOf(TtrpcFrame.class, big.message());
      assertEquals(41, frame.streamId());
      assertArrayEquals(data, ByteBufUtil.getBytes(frame.data()));
      assertEquals(2, empty.connId());
      assertEquals(0, empty.content().readableBytes());
    } finally {
      big.release();
      empty.release();
    }
    assertFalse(receiver.finish());
  }

  /** Splits one written buffer into mux frame payloads, checking conn id and frame size. */
  private static List<byte[]> frames(Object written, int connId) {
    ByteBuf buf = (ByteBuf) written;
    List<byte[]> payloads = new ArrayList<>();
    try {
      while (buf.isReadable()) {
        assertEquals(connId, buf.readInt());
        int length = buf.readInt();
        // The frame carrying the ttrpc header (the first) must fit Go's 4096-byte read buffer.
        assertTrue(!payloads.isEmpty() || length <= WireLimits.MAX_OUT_FRAME_PAYLOAD, "header frame of " + length);
        payloads.add(ByteBufUtil.getBytes(buf.readSlice(length)));
      }
    } finally {
      buf.release();
    }
    return payloads;
  }

  private static byte[] join(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
