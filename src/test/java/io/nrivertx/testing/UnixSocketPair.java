package io.nrivertx.testing;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A connected pair of unix stream sockets made with libc {@code socketpair} (java.lang.foreign),
 * as a runtime creates for a plugin it launches. Whoever wraps an end in a Netty channel owns
 * that fd; {@link #close(int)} is for ends nobody adopted.
 */
public record UnixSocketPair(int left, int right) {
  private static final int AF_UNIX = 1;
  private static final int SOCK_STREAM = 1;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle SOCKETPAIR = LINKER.downcallHandle(
      LINKER.defaultLookup().find("socketpair").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle CLOSE = LINKER.downcallHandle(
      LINKER.defaultLookup().find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));

  public static UnixSocketPair open() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      int rc = (int) SOCKETPAIR.invokeExact(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds);
      if (rc != 0) {
        throw new IllegalStateException("socketpair failed");
      }
      return new UnixSocketPair(fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  public static void close(int fd) {
    try {
      int rc = (int) CLOSE.invokeExact(fd);
      if (rc != 0) {
        throw new IllegalStateException("close(" + fd + ") failed");
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
