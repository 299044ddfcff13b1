package io.nrivertx.plugin.launch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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
 * The libc calls the plain JDK lacks for NRI's pre-connected plugins (java.lang.foreign; Linux
 * constants, identical on x86-64 and aarch64): socket pairs, pipes, adopting an fd, signals and
 * waiting for children the JDK did not start. The only FFM code of nri-vertx besides
 * {@link Spawn}; the Java plugin stub uses it too. Every call is a short system call except
 * {@link #waitExit} and {@link #poll}, which block and belong on a thread of their own.
 */
public final class Native {
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  static final int EINTR = 4;
  static final int ESRCH = 3;
  static final int ECHILD = 10;
  static final int EAGAIN = 11;
  private static final int AF_UNIX = 1;
  private static final int SOCK_STREAM = 1;
  private static final int CLOEXEC = 0x80000; // SOCK_CLOEXEC == O_CLOEXEC
  private static final int F_GETFL = 3;
  private static final int F_SETFL = 4;
  private static final int O_NONBLOCK = 0x800;
  private static final int P_PID = 1;
  private static final int WEXITED = 4;
  private static final int WNOWAIT = 0x01000000;

  static final Linker LINKER = Linker.nativeLinker();
  static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
  static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));

  private static final MethodHandle SOCKETPAIR = errno("socketpair", JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
  private static final MethodHandle PIPE2 = errno("pipe2", ADDRESS, JAVA_INT);
  private static final MethodHandle CLOSE = errno("close", JAVA_INT);
  private static final MethodHandle FCNTL = LINKER.downcallHandle(LINKER.defaultLookup().find("fcntl").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2), ERRNO_OPTION);
  private static final MethodHandle KILL = errno("kill", JAVA_INT, JAVA_INT);
  private static final MethodHandle WAITID = errno("waitid", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle WAITPID = errno("waitpid", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle READ = LINKER.downcallHandle(LINKER.defaultLookup().find("read").orElseThrow(),
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERRNO_OPTION);
  private static final MethodHandle POLL = LINKER.downcallHandle(LINKER.defaultLookup().find("poll").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO_OPTION);
  private static final MethodHandle GETUID = LINKER.downcallHandle(LINKER.defaultLookup().find("getuid").orElseThrow(),
      FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle STRERROR = LINKER.downcallHandle(
      LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Native() {
  }

  /** A libc function returning int whose errno is captured (the capture segment comes first). */
  private static MethodHandle errno(String name, java.lang.foreign.MemoryLayout... args) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, args), ERRNO_OPTION);
  }

  /** Two connected unix stream sockets, close-on-exec (only what posix_spawn dup2s survives exec). */
  public static int[] socketPair() throws IOException {
    return pair("socketpair", (state, fds) -> (int) SOCKETPAIR.invokeExact(state, AF_UNIX, SOCK_STREAM | CLOEXEC, 0, fds));
  }

  /** A close-on-exec pipe: [read end, write end]. */
  static int[] pipe() throws IOException {
    return pair("pipe2", (state, fds) -> (int) PIPE2.invokeExact(state, fds, CLOEXEC));
  }

  private interface PairCall {
    int call(MemorySegment state, MemorySegment fds) throws Throwable;
  }

  private static int[] pair(String what, PairCall call) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      check(invoke(() -> call.call(state, fds)), state, what);
      return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    }
  }

  /** Closes an fd nobody adopted; errors are ignored, as there is nothing left to do about them. */
  public static void close(int fd) {
    if (fd >= 0) {
      try (Arena arena = Arena.ofConfined()) {
        invoke(() -> (int) CLOSE.invokeExact(arena.allocate(CAPTURE), fd));
      }
    }
  }

  /** Sets O_NONBLOCK: Netty does not on an adopted fd, and a blocking fd would stall its event loop. */
  public static void setNonBlocking(int fd) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      int flags = check(invoke(() -> (int) FCNTL.invokeExact(state, fd, F_GETFL, 0)), state, "fcntl(" + fd + ", F_GETFL)");
      if ((flags & O_NONBLOCK) == 0) {
        check(invoke(() -> (int) FCNTL.invokeExact(state, fd, F_SETFL, flags | O_NONBLOCK)), state,
            "fcntl(" + fd + ", F_SETFL)");
      }
    }
  }

  /** kill(2); {@code pid} below 0 signals a process group. @return 0, or the errno (ESRCH: gone) */
  static int kill(int pid, int signal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      return invoke(() -> (int) KILL.invokeExact(state, pid, signal)) == 0 ? 0 : errno(state);
    }
  }

  /** Blocks until child {@code pid} has exited, leaving it a zombie so its pid cannot be reused yet. */
  static void waitExit(int pid) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      MemorySegment info = arena.allocate(128); // siginfo_t
      while (invoke(() -> (int) WAITID.invokeExact(state, P_PID, pid, info, WEXITED | WNOWAIT)) != 0) {
        if (errno(state) != EINTR) {
          check(-1, state, "waitid(" + pid + ")");
        }
      }
    }
  }

  /** Reaps an exited child; returns its raw wait status. */
  static int reap(int pid) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(CAPTURE);
      MemorySegment status = arena.allocate(JAVA_INT);
      while (invoke(() -> (int) WAITPID.invokeExact(state, pid, status, 0)) < 0) {
        if (errno(state) != EINTR) {
          check(-1, state, "waitpid(" + pid + ")");
        }
      }
      return status.get(JAVA_INT, 0);
    }
  }

  /** read(2) into {@code buf}; returns the count, 0 at end of file, -errno on failure. */
  static long read(int fd, MemorySegment buf, MemorySegment state) {
    long n = invoke(() -> (long) READ.invokeExact(state, fd, buf, buf.byteSize()));
    return n >= 0 ? n : -errno(state);
  }

  /** poll(2) on an array of struct pollfd; returns the ready count, or -errno. */
  static int poll(MemorySegment fds, int count, int timeoutMillis, MemorySegment state) {
    int n = invoke(() -> (int) POLL.invokeExact(state, fds, (long) count, timeoutMillis));
    return n >= 0 ? n : -errno(state);
  }

  /** The real uid of this process, which the plugin socket admits besides root by default. */
  public static int getuid() {
    return invoke(() -> (int) GETUID.invokeExact());
  }

  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  static int check(int result, MemorySegment state, String what) throws IOException {
    if (result < 0) {
      int errno = errno(state);
      throw new IOException(what + " failed: " + strerror(errno) + " (errno " + errno + ")");
    }
    return result;
  }

  public static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
      return text.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  interface Call<T> {
    T call() throws Throwable;
  }

  /** Downcalls only throw on a broken binding; that is a bug, not an I/O error. */
  static <T> T invoke(Call<T> call) {
    try {
      return call.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("native call failed", t);
    }
  }
}
