package io.nrivertx.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Starts a child process with one end of a socketpair as its fd 3 (posix_spawn through
 * java.lang.foreign; ProcessBuilder cannot pass a descriptor) and reaps it with waitpid. Used
 * only for the floor case, whose peer must sit on a socketpair exactly as benchrunner's does.
 */
final class PeerSpawn {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle SPAWN = handle("posix_spawn", ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
  private static final MethodHandle FA_INIT = handle("posix_spawn_file_actions_init", ADDRESS);
  private static final MethodHandle FA_DUP2 = handle("posix_spawn_file_actions_adddup2", ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle FA_CLOSEFROM = handle("posix_spawn_file_actions_addclosefrom_np", ADDRESS, JAVA_INT);
  private static final MethodHandle FA_DESTROY = handle("posix_spawn_file_actions_destroy", ADDRESS);
  private static final MethodHandle WAITPID = handle("waitpid", JAVA_INT, ADDRESS, JAVA_INT);

  private PeerSpawn() {
  }

  private static MethodHandle handle(String name, MemoryLayout... args) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, args));
  }

  /** Starts {@code argv[0]} with {@code fd} as its descriptor 3 and no other above 2; returns its pid. */
  static int spawn(List<String> argv, int fd) {
    try (Arena arena = Arena.ofConfined()) {
      // glibc's posix_spawn_file_actions_t is 80 bytes; leave room.
      MemorySegment actions = arena.allocate(256, 16);
      check("file_actions_init", (int) FA_INIT.invokeExact(actions));
      try {
        check("adddup2", (int) FA_DUP2.invokeExact(actions, fd, 3));
        check("addclosefrom_np", (int) FA_CLOSEFROM.invokeExact(actions, 4));
        MemorySegment args = arena.allocate(ADDRESS, argv.size() + 1);
        for (int i = 0; i < argv.size(); i++) {
          args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
        }
        MemorySegment env = arena.allocate(ADDRESS, 1); // an empty environment
        MemorySegment pid = arena.allocate(JAVA_INT);
        check("posix_spawn " + argv.get(0), (int) SPAWN.invokeExact(pid, arena.allocateFrom(argv.get(0)),
            actions, MemorySegment.NULL, args, env));
        return pid.get(JAVA_INT, 0);
      } finally {
        int ignored = (int) FA_DESTROY.invokeExact(actions);
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Kills (SIGKILL) and reaps the child: the JDK's reaper does not know it. */
  static void killAndReap(int pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    try (Arena arena = Arena.ofConfined()) {
      int rc = (int) WAITPID.invokeExact(pid, arena.allocate(JAVA_INT), 0);
      if (rc != pid) {
        throw new IllegalStateException("waitpid(" + pid + ") returned " + rc);
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static void check(String what, int rc) {
    if (rc != 0) {
      throw new IllegalStateException(what + " failed with error " + rc);
    }
  }
}
