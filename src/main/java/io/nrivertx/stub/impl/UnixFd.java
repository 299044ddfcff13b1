package io.nrivertx.stub.impl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls needed to adopt an inherited socket fd (java.lang.foreign, Linux x86-64/
 * aarch64 constants). Netty does not make an adopted fd non-blocking, and a blocking fd would
 * stall the event loop on the first read.
 */
public final class UnixFd {
  private static final int F_GETFL = 3;
  private static final int F_SETFL = 4;
  private static final int O_NONBLOCK = 0x800;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
  /** int fcntl(int fd, int cmd, ...): variadic from the third argument. */
  private static final MethodHandle FCNTL = LINKER.downcallHandle(
      LINKER.defaultLookup().find("fcntl").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
      Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
  private static final MethodHandle STRERROR = LINKER.downcallHandle(
      LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private UnixFd() {
  }

  /** Sets O_NONBLOCK on {@code fd}; fails (e.g. EBADF) if it is not an open descriptor. */
  public static void setNonBlocking(int fd) throws IOException {
    int flags = fcntl(fd, F_GETFL, 0, "F_GETFL");
    if ((flags & O_NONBLOCK) == 0) {
      fcntl(fd, F_SETFL, flags | O_NONBLOCK, "F_SETFL");
    }
  }

  private static int fcntl(int fd, int cmd, int arg, String what) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      int result = (int) FCNTL.invokeExact(state, fd, cmd, arg);
      if (result < 0) {
        int errno = (int) ERRNO.get(state, 0L);
        throw new IOException("fcntl(" + fd + ", " + what + ") failed: " + strerror(errno)
            + " (errno " + errno + ")");
      }
      return result;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("fcntl downcall failed", t);
    }
  }

  static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
      return text.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
