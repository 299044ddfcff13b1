package io.nrivertx.plugin.launch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Starts a child with posix_spawn and an exact set of descriptors: 0 is /dev/null, 1 and 2 the
 * given output pipes, 3 the plugin's socket, and nothing else (closefrom 4), so no descriptor of
 * the JVM leaks into a plugin. ProcessBuilder can do none of this. The child gets an empty
 * signal mask, default signal actions and a process group of its own, so stopping a plugin can
 * signal whatever it started and a terminal's Ctrl-C reaches nri-vertx, which then stops its
 * plugins in order.
 */
final class Spawn {
  private static final int O_RDONLY = 0;
  private static final short SETPGROUP = 0x02;
  private static final short SETSIGDEF = 0x04;
  private static final short SETSIGMASK = 0x08;
  // glibc's opaque types are 80 (file actions), 336 (attributes) and 128 (sigset_t) bytes; be generous.
  private static final long FILE_ACTIONS_SIZE = 256;
  private static final long ATTR_SIZE = 1024;
  private static final long SIGSET_SIZE = 256;

  private static final MethodHandle SPAWN = plain("posix_spawn", ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  private static final MethodHandle FA_INIT = plain("posix_spawn_file_actions_init", ADDRESS);
  private static final MethodHandle FA_DESTROY = plain("posix_spawn_file_actions_destroy", ADDRESS);
  private static final MethodHandle FA_DUP2 = plain("posix_spawn_file_actions_adddup2", ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle FA_OPEN = plain("posix_spawn_file_actions_addopen", ADDRESS, JAVA_INT, ADDRESS,
      JAVA_INT, JAVA_INT);
  private static final MethodHandle FA_CLOSEFROM = plain("posix_spawn_file_actions_addclosefrom_np", ADDRESS, JAVA_INT);
  private static final MethodHandle ATTR_INIT = plain("posix_spawnattr_init", ADDRESS);
  private static final MethodHandle ATTR_DESTROY = plain("posix_spawnattr_destroy", ADDRESS);
  private static final MethodHandle ATTR_FLAGS = plain("posix_spawnattr_setflags", ADDRESS, JAVA_SHORT);
  private static final MethodHandle ATTR_PGROUP = plain("posix_spawnattr_setpgroup", ADDRESS, JAVA_INT);
  private static final MethodHandle ATTR_SIGMASK = plain("posix_spawnattr_setsigmask", ADDRESS, ADDRESS);
  private static final MethodHandle ATTR_SIGDEFAULT = plain("posix_spawnattr_setsigdefault", ADDRESS, ADDRESS);
  private static final MethodHandle SIGEMPTYSET = plain("sigemptyset", ADDRESS);
  private static final MethodHandle SIGFILLSET = plain("sigfillset", ADDRESS);

  private Spawn() {
  }

  /** posix_spawn and its helpers return 0 or an error number themselves; errno is not involved. */
  private static MethodHandle plain(String name, MemoryLayout... args) {
    var symbol = Native.LINKER.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException(
        "libc has no " + name + " (nri-vertx needs glibc 2.34 or newer to launch plugins)"));
    return Native.LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, args));
  }

  /**
   * Starts {@code path} with {@code argv} and exactly {@code env} ("NAME=value" entries).
   *
   * @return the child's pid, which is also its process group id
   */
  static int spawn(String path, List<String> argv, List<String> env, int stdout, int stderr, int socket)
      throws IOException {
    if (stdout < 3 || stderr < 3 || socket < 3) {
      throw new IllegalArgumentException("descriptors 0-2 are the JVM's own, not a plugin's");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
      MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
      check("posix_spawn_file_actions_init", Native.invoke(() -> (int) FA_INIT.invokeExact(actions)));
      try {
        check("posix_spawnattr_init", Native.invoke(() -> (int) ATTR_INIT.invokeExact(attr)));
        try {
          fileActions(arena, actions, stdout, stderr, socket);
          attributes(arena, attr);
          MemorySegment pid = arena.allocate(JAVA_INT);
          MemorySegment file = arena.allocateFrom(path);
          MemorySegment args = strings(arena, argv);
          MemorySegment envp = strings(arena, env);
          int rc = Native.invoke(() -> (int) SPAWN.invokeExact(pid, file, actions, attr, args, envp));
          if (rc != 0) {
            throw new IOException("cannot start " + path + ": " + Native.strerror(rc) + " (errno " + rc + ")");
          }
          return pid.get(JAVA_INT, 0);
        } finally {
          Native.invoke(() -> (int) ATTR_DESTROY.invokeExact(attr));
        }
      } finally {
        Native.invoke(() -> (int) FA_DESTROY.invokeExact(actions));
      }
    }
  }

  // Order matters: the pipes reach 1 and 2 before fd 3 is overwritten, in case one of them was 3.
  private static void fileActions(Arena arena, MemorySegment fa, int stdout, int stderr, int socket) {
    MemorySegment devNull = arena.allocateFrom("/dev/null");
    check("addopen", Native.invoke(() -> (int) FA_OPEN.invokeExact(fa, 0, devNull, O_RDONLY, 0)));
    check("adddup2", Native.invoke(() -> (int) FA_DUP2.invokeExact(fa, stdout, 1)));
    check("adddup2", Native.invoke(() -> (int) FA_DUP2.invokeExact(fa, stderr, 2)));
    check("adddup2", Native.invoke(() -> (int) FA_DUP2.invokeExact(fa, socket, 3)));
    check("addclosefrom_np", Native.invoke(() -> (int) FA_CLOSEFROM.invokeExact(fa, 4)));
  }

  private static void attributes(Arena arena, MemorySegment attr) {
    MemorySegment none = arena.allocate(SIGSET_SIZE, 16);
    MemorySegment all = arena.allocate(SIGSET_SIZE, 16);
    check("sigemptyset", Native.invoke(() -> (int) SIGEMPTYSET.invokeExact(none)));
    check("sigfillset", Native.invoke(() -> (int) SIGFILLSET.invokeExact(all)));
    check("setsigmask", Native.invoke(() -> (int) ATTR_SIGMASK.invokeExact(attr, none)));
    check("setsigdefault", Native.invoke(() -> (int) ATTR_SIGDEFAULT.invokeExact(attr, all)));
    check("setpgroup", Native.invoke(() -> (int) ATTR_PGROUP.invokeExact(attr, 0)));
    short flags = SETPGROUP | SETSIGDEF | SETSIGMASK;
    check("setflags", Native.invoke(() -> (int) ATTR_FLAGS.invokeExact(attr, flags)));
  }

  /** A NULL-terminated char*[] as argv and envp are. */
  private static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, values.size() + 1);
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  private static void check(String what, int rc) {
    if (rc != 0) {
      throw new IllegalStateException("posix_spawn setup: " + what + " failed: " + Native.strerror(rc));
    }
  }
}
