package io.nrivertx.plugin;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;

/** Who is on the other end of a plugin socket, from SO_PEERCRED; -1 when the transport cannot tell. */
public record PeerIdentity(int pid, int uid, int gid) {
  public static final PeerIdentity UNKNOWN = new PeerIdentity(-1, -1, -1);

  public static PeerIdentity of(Channel channel) {
    if (channel instanceof EpollDomainSocketChannel unix) {
      try {
        PeerCredentials c = unix.peerCredentials();
        int[] gids = c.gids();
        return new PeerIdentity(c.pid(), c.uid(), gids.length > 0 ? gids[0] : -1);
      } catch (Exception e) {
        return UNKNOWN;
      }
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return "pid=" + pid + " uid=" + uid + " gid=" + gid;
  }
}
