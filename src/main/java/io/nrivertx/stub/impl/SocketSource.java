package io.nrivertx.stub.impl;

import io.nrivertx.stub.StubException;
import io.nrivertx.stub.StubOptions;
import java.util.Map;

/**
 * Where the trunk socket comes from, in the Go stub's order: a connection given in the options,
 * else the fd named by {@code NRI_PLUGIN_SOCKET} (a runtime-launched plugin), else dialing.
 *
 * @param fd the pre-connected socket, or -1 to dial the socket path
 * @param origin how to name the fd in messages, null when dialing
 */
record SocketSource(int fd, String origin) {

  static SocketSource of(StubOptions options, Map<String, String> env) {
    if (options.getSocketFd() >= 0) {
      return new SocketSource(options.getSocketFd(), "fd " + options.getSocketFd() + " from the options");
    }
    String value = env.get(StubOptions.SOCKET_ENV);
    if (value == null || value.isEmpty()) {
      return new SocketSource(-1, null);
    }
    try {
      int fd = Integer.parseInt(value.strip());
      if (fd < 0) {
        throw new NumberFormatException("negative");
      }
      return new SocketSource(fd, StubOptions.SOCKET_ENV + "=" + fd);
    } catch (NumberFormatException e) {
      throw new StubException("invalid socket in environment (" + StubOptions.SOCKET_ENV + "=\"" + value
          + "\"): not a file descriptor number");
    }
  }
}
