package io.nrivertx.plugin.launch;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.util.function.Function;

/**
 * Turns our end of a plugin's socket pair into a Netty channel on an event loop of its own (as
 * an accepted connection would get), with {@code attach} run on that loop before the first read,
 * so no byte arrives ahead of the ttrpc codecs. Netty leaves an adopted fd blocking, which would
 * stall the loop, hence O_NONBLOCK first.
 */
final class Adoption {
  private Adoption() {
  }

  /** The fd is owned (and closed on failure) from here on; the future completes on {@code ctx}. */
  static <T> Future<T> adopt(ContextInternal ctx, int fd, Function<Channel, T> attach) {
    try {
      Native.setNonBlocking(fd);
    } catch (IOException e) {
      Native.close(fd);
      return Future.failedFuture(e);
    }
    EpollDomainSocketChannel channel = new EpollDomainSocketChannel(fd);
    channel.config().setAutoRead(false);
    Promise<T> adopted = ctx.promise();
    ctx.owner().createEventLoopContext().nettyEventLoop().register(channel).addListener(f -> {
      if (!f.isSuccess()) {
        channel.close();
        adopted.fail(f.cause());
        return;
      }
      T attached = attach.apply(channel);
      channel.config().setAutoRead(true);
      adopted.complete(attached);
    });
    return adopted.future();
  }
}
