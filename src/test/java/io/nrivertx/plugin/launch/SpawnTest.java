package io.nrivertx.plugin.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** posix_spawn as plugins are started: exact descriptors, exact environment, own process group. */
class SpawnTest {
  @AfterEach
  void nothingLeft() {
    ChildProcesses.assertNoLeftovers(Set.of(), java.time.Duration.ofSeconds(5));
  }

  @Test
  void theChildHasFdsZeroToThreeOnlyAndExactlyTheGivenEnvironment() throws Exception {
    int[] pair = Native.socketPair();
    int[] out = Native.pipe();
    int[] err = Native.pipe();
    String socketInode = Files.readSymbolicLink(Path.of("/proc/self/fd/" + pair[1])).toString();
    int pid = Spawn.spawn("/bin/sleep", List.of("/bin/sleep", "30"), List.of("NRI_PLUGIN_NAME=x", "NRI_PLUGIN_SOCKET=3"),
        out[1], err[1], pair[1]);
    for (int fd : new int[] {pair[1], out[1], err[1]}) {
      Native.close(fd);
    }
    try {
      List<String> fds;
      try (Stream<Path> list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        fds = list.map(p -> p.getFileName().toString()).sorted().toList();
      }
      assertEquals(List.of("0", "1", "2", "3"), fds, "no descriptor of the JVM may leak into a plugin");
      assertEquals("/dev/null", link(pid, 0));
      assertTrue(link(pid, 1).startsWith("pipe:") && link(pid, 2).startsWith("pipe:"), link(pid, 1) + " " + link(pid, 2));
      assertEquals(socketInode, link(pid, 3), "fd 3 is the child's end of the socket pair");
      // posix_spawn returns once the exec has begun; the new image's environment shows a moment later.
      Set<String> env = io.nrivertx.testing.Waiting.until(() -> {
        try {
          return ChildProcesses.environ(pid);
        } catch (IOException e) {
          return Set.<String>of();
        }
      }, e -> !e.isEmpty(),
          java.time.Duration.ofSeconds(5), e -> "no environment for " + pid);
      assertEquals(Set.of("NRI_PLUGIN_NAME=x", "NRI_PLUGIN_SOCKET=3"), env);
      String status = Files.readString(Path.of("/proc/" + pid + "/status"));
      assertTrue(status.contains("SigBlk:\t0000000000000000"), "empty signal mask:\n" + status);
      // Signals 1-31 at their default action (glibc keeps its two internal real-time signals as they are).
      long ignored = Long.parseLong(status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow()
          .substring(7).strip(), 16);
      assertEquals(0, ignored & 0x7fffffffL, "default signal actions:\n" + status);
      ChildProcesses.Proc proc = ChildProcesses.all().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
      assertEquals(pid, proc.pgid(), "a process group of its own");
    } finally {
      Native.kill(pid, Native.SIGKILL);
      Native.waitExit(pid);
      ExitStatus status = new ExitStatus(Native.reap(pid));
      assertEquals(Native.SIGKILL, status.signal());
      for (int fd : new int[] {pair[0], out[0], err[0]}) {
        Native.close(fd);
      }
    }
  }

  @Test
  void aMissingExecutableIsAnIoErrorNamingIt() throws Exception {
    int[] pair = Native.socketPair();
    int[] out = Native.pipe();
    try {
      IOException e = assertThrows(IOException.class,
          () -> Spawn.spawn("/nonexistent/00-x", List.of("/nonexistent/00-x"), List.of(), out[1], out[1], pair[1]));
      assertTrue(e.getMessage().contains("cannot start /nonexistent/00-x: No such file or directory"), e.getMessage());
    } finally {
      for (int fd : new int[] {pair[0], pair[1], out[0], out[1]}) {
        Native.close(fd);
      }
    }
  }

  @Test
  void descriptorsOfTheJvmAreRefusedAsSources() {
    assertThrows(IllegalArgumentException.class, () -> Spawn.spawn("/bin/true", List.of("/bin/true"), List.of(), 1, 2, 5));
  }

  private static String link(int pid, int fd) throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd)).toString();
  }
}
