package io.nrivertx.wire;

import static io.nrivertx.wire.WireBytes.concat;
import static io.nrivertx.wire.WireBytes.mux;
import static io.nrivertx.wire.WireBytes.muxHeader;
import static io.nrivertx.wire.WireBytes.pattern;
import static io.nrivertx.wire.WireBytes.ttrpc;
import static io.nrivertx.wire.WireBytes.ttrpcHeader;
import static org.junit.jupiter.api.Assertions.*;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a trunk may hold: a peer that has not registered is cut as soon as a header announces more
 * than a registration needs; a registered one holds at most one maximum message per logical
 * connection; frames being read count against the runtime's shared budget, given back when they
 * complete or the channel closes.
 */
class InboundLimitsTest {
  private final TrackingAllocator alloc = new TrackingAllocator();

  @BeforeAll
  static void paranoid() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  private EmbeddedChannel trunk(InboundLimits limits) {
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setAllocator(alloc);
    ch.pipeline().addLast(new MuxFrameDecoder(limits), new TtrpcDemuxDecoder(Set.of(1, 2), limits));
    return ch;
  }

  @Test
  void beforeRegistrationAFrameLargerThanARegistrationIsCutAtItsHeader() {
    InboundBudget budget = new InboundBudget(InboundBudget.DEFAULT_LIMIT);
    EmbeddedChannel ch = trunk(new InboundLimits(budget, InboundLimits.REGISTRATION, "before RegisterPlugin"));
    // 4 MiB minus one byte announced: the attack of issue 13. Not one payload byte is needed to cut it.
    WireException e = assertWireException(() -> ch.writeInbound(alloc.of(muxHeader(2, WireLimits.MAX_MUX_FRAME - 1))));
    assertEquals(WireException.Kind.BUDGET, e.kind());
    assertTrue(e.getMessage().contains("16384 bytes a logical connection may hold before RegisterPlugin"),
        e.getMessage());
    assertEquals(0, budget.used());
    ch.writeInbound(alloc.of(mux(2, new byte[10]))); // discarded after the failure
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
    alloc.assertAllReleased();
  }

  @Test
  void aRegistrationSizedFrameIsServedAndRaisingAllowsFullMessages() {
    InboundLimits limits = new InboundLimits(InboundBudget.unlimited(), InboundLimits.REGISTRATION, "before RegisterPlugin");
    EmbeddedChannel ch = trunk(limits);
    byte[] small = pattern(300, 1);
    ch.writeInbound(alloc.of(mux(2, ttrpc(1, WireLimits.TYPE_REQUEST, 0, small))));
    release(ch.readInbound());
    limits.raise(WireLimits.MAX_MUX_FRAME, "per logical connection");
    byte[] big = pattern(WireLimits.MAX_TTRPC_MESSAGE, 2);
    ch.writeInbound(alloc.of(mux(1, ttrpc(3, WireLimits.TYPE_RESPONSE, 0, big))));
    TtrpcInbound in = ch.readInbound();
    assertEquals(WireLimits.MAX_TTRPC_MESSAGE, ((TtrpcFrame) in.message()).data().readableBytes());
    in.release();
    assertFalse(ch.finish());
    alloc.assertAllReleased();
  }

  @Test
  void aGoShapedSplitMessageFitsButAMessagePlusAnotherFrameDoesNot() {
    InboundBudget budget = InboundBudget.unlimited();
    InboundLimits limits = new InboundLimits(budget, WireLimits.MAX_MUX_FRAME, "per logical connection");
    EmbeddedChannel ch = trunk(limits);
    byte[] message = ttrpc(5, WireLimits.TYPE_RESPONSE, 0, pattern(WireLimits.MAX_TTRPC_MESSAGE, 3));
    // As Go writes it: the first 4096 bytes, then the rest in one frame.
    ch.writeInbound(alloc.of(mux(1, Arrays.copyOf(message, 4096))));
    assertNull(ch.readInbound());
    assertEquals(4096 - WireLimits.TTRPC_HEADER_LENGTH, budget.used(), "the message's start is held");
    ch.writeInbound(alloc.of(mux(1, Arrays.copyOfRange(message, 4096, message.length))));
    release(ch.readInbound());
    assertEquals(0, budget.used());
    // A message's start held, then a frame that would take the connection past one maximum message.
    ch.writeInbound(alloc.of(mux(2, Arrays.copyOf(message, 100_000))));
    WireException e = assertWireException(() -> ch.writeInbound(alloc.of(muxHeader(2, WireLimits.MAX_MUX_FRAME))));
    assertEquals(WireException.Kind.BUDGET, e.kind());
    assertTrue(e.getMessage().contains("on top of " + (100_000 - WireLimits.TTRPC_HEADER_LENGTH) + " bytes"),
        e.getMessage());
    ch.finishAndReleaseAll();
    assertEquals(0, budget.used(), "the partial message was given back at close");
    alloc.assertAllReleased();
  }

  @Test
  void framesBeingReadShareTheRuntimesBudgetAndGiveItBack() {
    InboundBudget budget = new InboundBudget(2L * WireLimits.MAX_MUX_FRAME);
    EmbeddedChannel a = trunk(new InboundLimits(budget, WireLimits.MAX_MUX_FRAME, "per logical connection"));
    EmbeddedChannel b = trunk(new InboundLimits(budget, WireLimits.MAX_MUX_FRAME, "per logical connection"));
    EmbeddedChannel c = trunk(new InboundLimits(budget, WireLimits.MAX_MUX_FRAME, "per logical connection"));
    int length = WireLimits.MAX_MUX_FRAME - 1;
    byte[] start = concat(muxHeader(1, length), ttrpcHeader(length - WireLimits.TTRPC_HEADER_LENGTH, 1, 2));
    a.writeInbound(alloc.of(start));
    b.writeInbound(alloc.of(start));
    assertEquals(2L * length, budget.used(), "reserved from the header on");
    WireException e = assertWireException(() -> c.writeInbound(alloc.of(start)));
    assertTrue(e.getMessage().contains("of the runtime's inbound budget of " + budget.limit()), e.getMessage());
    c.finishAndReleaseAll();
    a.writeInbound(alloc.of(new byte[length - WireLimits.TTRPC_HEADER_LENGTH])); // a completes
    release(a.readInbound());
    assertEquals(length, budget.used());
    b.finishAndReleaseAll(); // b's peer goes away half-way
    assertEquals(0, budget.used());
    assertFalse(a.finish());
    alloc.assertAllReleased();
  }

  private static WireException assertWireException(Runnable r) {
    DecoderException e = assertThrows(DecoderException.class, r::run);
    Throwable t = e;
    while (!(t instanceof WireException) && t.getCause() != null) {
      t = t.getCause();
    }
    return assertInstanceOf(WireException.class, t);
  }

  private static void release(Object o) {
    assertNotNull(o);
    ReferenceCountUtil.release(o);
  }
}
