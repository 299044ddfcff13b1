package io.nrivertx.testing;

import io.nrivertx.plugin.launch.Native;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A connected pair of unix stream sockets (libc {@code socketpair} through
 * {@link Native}), as a runtime creates for a plugin it launches. Whoever wraps an end in a Netty
 * channel owns that fd; {@link #close(int)} is for ends nobody adopted.
 */
public record UnixSocketPair(int left, int right) {

  public static UnixSocketPair open() {
    try {
      int[] fds = Native.socketPair();
      return new UnixSocketPair(fds[0], fds[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void close(int fd) {
    Native.close(fd);
  }
}
