package io.nrivertx.plugin.launch;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.util.function.Function;

/**
 * Turns our end of a plugin's socket pair into a Netty channel on an event loop of its own (as
 * an accepted connection would get), with {@code attach} run on that loop before the first read,
 * so no byte arrives ahead of the ttrpc codecs. Netty leaves an adopted fd blocking, which would
 * stall the loop, hence O_NONBLOCK first.
 *
 * <p>One of the two places in the runtime that use a Vert.x internal API (the other is
 * {@code PluginListener}, for an accepted socket's channel): Vert.x has no public way to hand it a
 * socket that is already connected (a NetServer accepts, a NetClient dials), so the fd is
 * registered on the Netty loop of a fresh event-loop context ({@code VertxInternal}).
 */
final class Adoption {
  private Adoption() {
  }

  /**
   * The fd is owned (and closed on failure) from here on. The future completes on the channel's
   * loop; callers move it to their own context.
   */
  static <T> Future<T> adopt(Vertx vertx, int fd, Function<Channel, T> attach) {
    try {
      Native.setNonBlocking(fd);
    } catch (IOException e) {
      Native.close(fd);
      return Future.failedFuture(e);
    }
    EpollDomainSocketChannel channel = new EpollDomainSocketChannel(fd);
    channel.config().setAutoRead(false);
    Promise<T> adopted = Promise.promise();
    EventLoop loop = ((VertxInternal) vertx).createEventLoopContext().nettyEventLoop();
    loop.register(channel).addListener(f -> {
      if (!f.isSuccess()) {
        channel.close();
        adopted.fail(f.cause());
        return;
      }
      try {
        T attached = attach.apply(channel);
        channel.config().setAutoRead(true);
        adopted.complete(attached);
      } catch (RuntimeException e) {
        channel.close();
        adopted.fail(e);
      }
    });
    return adopted.future();
  }
}
