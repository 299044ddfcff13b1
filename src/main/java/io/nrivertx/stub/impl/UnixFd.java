package io.nrivertx.stub.impl;

import io.nrivertx.plugin.launch.Native;
import java.io.IOException;

/**
 * The stub's former FFM helper, now a forwarder: all of nri-vertx's libc code lives in
 * {@link Native}. Kept only for callers that still use this name.
 */
public final class UnixFd {
  private UnixFd() {
  }

  /** Sets O_NONBLOCK on {@code fd}; see {@link Native#setNonBlocking}. */
  public static void setNonBlocking(int fd) throws IOException {
    Native.setNonBlocking(fd);
  }
}
