package io.nrivertx.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.nrivertx.wire.MuxFrameDecoder;
import io.nrivertx.wire.TrackingAllocator;
import io.nrivertx.wire.TtrpcDemuxDecoder;
import io.nrivertx.wire.TtrpcMuxEncoder;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Test plumbing: embedded channels wired back to back, and a raw ttrpc peer. */
final class Peers {

  private Peers() {}

  static EmbeddedChannel channel(TrackingAllocator alloc) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(alloc);
    return channel;
  }

  /** A peer that speaks raw {@code TtrpcOutbound}/{@code TtrpcInbound}, for protocol violations. */
  static EmbeddedChannel raw(TrackingAllocator alloc) {
    EmbeddedChannel channel = channel(alloc);
    channel.pipeline().addLast(new MuxFrameDecoder(), new TtrpcDemuxDecoder(Set.of(1, 2)),
        new TtrpcMuxEncoder());
    return channel;
  }

  /** Moves written bytes between the two channels until neither has anything left to send. */
  static void pump(EmbeddedChannel a, EmbeddedChannel b) {
    while (move(a, b) | move(b, a)) {
      // keep going: an answer may produce another write
    }
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
    boolean moved = false;
    for (Object msg; (msg = from.readOutbound()) != null; ) {
      moved = true;
      if (to.isActive()) {
        to.writeInbound(msg);
      } else {
        ReferenceCountUtil.release(msg);
      }
    }
    return moved;
  }

  /** Writes raw trunk bytes into {@code to}. */
  static void inject(EmbeddedChannel to, TrackingAllocator alloc, byte[] bytes) {
    ByteBuf buf = alloc.heapBuffer(bytes.length).writeBytes(bytes);
    to.writeInbound(buf);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static TtrpcException assertFailed(Future<?> future, TtrpcException.Kind kind, int code,
      String message) {
    assertTrue(future.failed(), () -> "expected failure, got " + future);
    TtrpcException e = assertInstanceOf(TtrpcException.class, future.cause());
    assertEquals(kind, e.kind());
    assertEquals(code, e.code());
    if (message != null) {
      assertEquals(message, e.getMessage());
    }
    return e;
  }

  static void assertPending(Future<?> future) {
    assertFalse(future.isComplete(), () -> "expected pending, got " + future);
  }
}
