package io.nrivertx.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes {@link MuxFrame}s to one {@link TtrpcStreamDecoder} per opened logical connection and
 * emits {@link TtrpcInbound}s. Frames for a conn id that was not opened are dropped silently, as the
 * NRI mux does: opening a connection is purely local and never signalled to the peer.
 *
 * <p>Thread-safety: one instance per channel, used only on its event loop.
 */
public final class TtrpcDemuxDecoder extends MessageToMessageDecoder<MuxFrame> {

  private static final System.Logger LOG = System.getLogger(TtrpcDemuxDecoder.class.getName());

  private final Set<Integer> connIds;
  private final InboundLimits limits;
  private final Map<Integer, TtrpcStreamDecoder> decoders = new HashMap<>();
  private boolean closed;

  /** @param connIds the logical connections opened on this trunk, e.g. {1, 2} */
  public TtrpcDemuxDecoder(Set<Integer> connIds) {
    this(connIds, InboundLimits.unlimited());
  }

  /** @param limits shared with the trunk's {@link MuxFrameDecoder}: messages in progress count there */
  public TtrpcDemuxDecoder(Set<Integer> connIds, InboundLimits limits) {
    super(MuxFrame.class);
    this.connIds = Set.copyOf(connIds);
    this.limits = limits;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, MuxFrame frame, List<Object> out) {
    TtrpcStreamDecoder decoder = decoderFor(ctx, frame.connId());
    if (decoder == null) {
      LOG.log(Level.DEBUG, () -> "dropping " + frame.payload().readableBytes()
          + " bytes for unopened mux conn " + Integer.toUnsignedString(frame.connId()));
      return;
    }
    List<Object> messages = new ArrayList<>(2);
    try {
      decoder.feed(frame.payload(), messages);
    } finally {
      // Even when the feed fails, what was decoded before the failure is handed on (and released
      // downstream) rather than leaked.
      for (Object message : messages) {
        out.add(new TtrpcInbound(frame.connId(), (TtrpcMessage) message));
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closeDecoders();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
    closeDecoders();
    super.handlerRemoved(ctx);
  }

  private TtrpcStreamDecoder decoderFor(ChannelHandlerContext ctx, int connId) {
    if (closed || !connIds.contains(connId)) {
      return null;
    }
    return decoders.computeIfAbsent(connId, id -> new TtrpcStreamDecoder(ctx.alloc(), limits, id));
  }

  private void closeDecoders() {
    closed = true;
    decoders.values().forEach(TtrpcStreamDecoder::close);
    decoders.clear();
  }
}
