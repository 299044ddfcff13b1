package io.nrivertx.stub.impl;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.nrivertx.plugin.launch.Native;
import io.nrivertx.stub.StubException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;

/**
 * Produces the trunk channel to the runtime, on the stub's event loop: either the pre-connected
 * socket a launching runtime passed down (usable once), or a fresh connection to the NRI socket.
 * The channel comes back with auto-read off, so that nothing is read before the ttrpc codecs and
 * handlers are in place.
 *
 * <p>Vert.x internals, used where Vert.x has no public API: the context's Netty event loop to
 * register a socket that is already connected (a NetServer accepts and a NetClient dials, neither
 * adopts), and the dialed socket's Netty channel, on which the ttrpc codecs are installed.
 *
 * <p>Thread-safety: {@link #connect} and {@link #close} on the stub's context only.
 */
final class Connector {
  private static final int FD_USED = -2;

  private final VertxInternal vertx;
  private final ContextInternal context;
  private final String socketPath;
  private final String fdOrigin;
  private int fd;
  private NetClient client;

  /**
   * @param fd a connected socket to adopt, or -1 to dial {@code socketPath}
   * @param fdOrigin where the fd came from, for error messages
   */
  Connector(VertxInternal vertx, ContextInternal context, String socketPath, int fd, String fdOrigin) {
    this.vertx = vertx;
    this.context = context;
    this.socketPath = socketPath;
    this.fd = fd;
    this.fdOrigin = fdOrigin;
  }

  /** False for a pre-connected socket: once closed it cannot be opened again. */
  boolean canReconnect() {
    return fd == -1;
  }

  String describe() {
    return fd == -1 ? socketPath : "fd " + fdOrigin;
  }

  Future<Channel> connect() {
    if (fd == FD_USED) {
      return Future.failedFuture(new StubException("the pre-connected socket (" + fdOrigin
          + ") was closed and cannot be reopened"));
    }
    if (fd >= 0) {
      int adopted = fd;
      fd = FD_USED;
      return adopt(adopted);
    }
    return dial();
  }

  private Future<Channel> adopt(int socketFd) {
    try {
      Native.setNonBlocking(socketFd);
    } catch (IOException e) {
      return Future.failedFuture(new StubException("invalid socket (" + fdOrigin + "): " + e.getMessage(), e));
    }
    EpollDomainSocketChannel channel = new EpollDomainSocketChannel(socketFd);
    channel.config().setAutoRead(false);
    Promise<Channel> promise = context.promise();
    context.nettyEventLoop().register(channel).addListener(f -> {
      if (f.isSuccess()) {
        promise.complete(channel);
      } else {
        channel.close();
        promise.fail(new StubException("cannot use the socket (" + fdOrigin + "): " + f.cause(), f.cause()));
      }
    });
    return promise.future();
  }

  private Future<Channel> dial() {
    if (client == null) {
      client = vertx.createNetClient(new NetClientOptions());
    }
    // Called on the stub's context, so the socket lands on the stub's event loop.
    return client.connect(SocketAddress.domainSocketAddress(socketPath))
        .<Channel>map(so -> {
          Channel channel = ((NetSocketInternal) so).channelHandlerContext().channel();
          channel.config().setAutoRead(false);
          return channel;
        })
        .recover(err -> Future.failedFuture(new StubException("failed to connect to NRI service at "
            + socketPath + ": " + describe(err), err)));
  }

  /** Netty reports a missing socket file as a FileNotFoundException without a message. */
  private static String describe(Throwable err) {
    if (err instanceof java.io.FileNotFoundException && err.getMessage() == null) {
      return "no such socket (is the runtime running, with NRI external plugins enabled?)";
    }
    return err.getMessage() != null ? err.getMessage() : err.toString();
  }

  Future<Void> close() {
    NetClient c = client;
    client = null;
    return c == null ? Future.succeededFuture() : c.close();
  }
}
