package io.nrivertx.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.nrivertx.wire.TtrpcInbound;
import io.nrivertx.wire.WireException;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The pipeline end of a {@link TtrpcConnection}: consumes decoded ttrpc messages and turns errors
 * into a connection close. Neither reaches handlers further up (e.g. Vert.x's NetSocket handler).
 *
 * <p>Thread-safety: event loop only.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

  private final TtrpcConnection connection;

  ConnectionHandler(TtrpcConnection connection) {
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof TtrpcInbound inbound)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      connection.dispatch(inbound);
    } finally {
      inbound.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    connection.closeNow(reason(cause), Level.WARNING, root(cause));
  }

  /** Codec layers wrap the real cause: the innermost framing or I/O error. */
  private static Throwable root(Throwable cause) {
    Throwable root = cause;
    while (!(root instanceof WireException) && !(root instanceof IOException)
        && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String reason(Throwable cause) {
    Throwable root = root(cause);
    String message = TtrpcConnection.describe(root);
    return switch (root) {
      case WireException w when w.kind() == WireException.Kind.BUDGET -> "over the inbound limit: " + message;
      case WireException _ -> "protocol error: " + message;
      case IOException _ -> "I/O error: " + message;
      default -> "unexpected error: " + root;
    };
  }
}
