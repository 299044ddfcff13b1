package io.nrivertx.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What /proc says about this JVM's child processes, so that tests can prove a runtime leaves no
 * plugin behind: no child (running or zombie) and no process in a plugin's process group, which
 * also catches grandchildren that were re-parented away from the JVM.
 */
public final class ChildProcesses {
  /** One line of /proc/PID/stat, the fields that matter here. */
  public record Proc(long pid, long ppid, long pgid, char state, String comm) {
  }

  private ChildProcesses() {
  }

  public static List<Proc> all() {
    List<Proc> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String stat = Files.readString(dir.resolve("stat"));
          // "pid (comm) S ppid pgrp ..."; comm may hold spaces and parentheses, so split after the last ')'.
          int close = stat.lastIndexOf(')');
          String[] f = stat.substring(close + 2).split(" ");
          out.add(new Proc(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]), Long.parseLong(f[2]),
              f[0].charAt(0), stat.substring(stat.indexOf('(') + 1, close)));
        } catch (IOException | RuntimeException e) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot list /proc", e);
    }
    return out;
  }

  /** This JVM's children, zombies included. */
  public static List<Proc> children() {
    long self = ProcessHandle.current().pid();
    return all().stream().filter(p -> p.ppid() == self).toList();
  }

  /** The argument vector of a process (empty when it is gone). */
  public static List<String> cmdline(long pid) {
    try {
      String raw = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
      return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The environment a process was started with. */
  public static Set<String> environ(long pid) throws IOException {
    String raw = Files.readString(Path.of("/proc/" + pid + "/environ"));
    return raw.isEmpty() ? Set.of() : Set.of(raw.split("\0"));
  }

  /** The child of this JVM running {@code path} (as exec'd, e.g. a symlink in the plugin directory). */
  public static Proc childRunning(Path path) {
    return children().stream().filter(p -> cmdline(p.pid()).stream().findFirst().orElse("")
        .equals(path.toAbsolutePath().toString())).findFirst().orElse(null);
  }

  /**
   * Waits up to {@code wait} until this JVM has no child and no process is left in any of
   * {@code groups}; then fails naming what is left.
   */
  public static void assertNoLeftovers(Set<Long> groups, Duration wait) {
    assertGone(p -> p.ppid() == ProcessHandle.current().pid() || groups.contains(p.pgid()), wait);
  }

  /** As {@link #assertNoLeftovers} for the groups only: other children may go on running. */
  public static void assertGroupsGone(Set<Long> groups, Duration wait) {
    assertGone(p -> groups.contains(p.pgid()), wait);
  }

  private static void assertGone(java.util.function.Predicate<Proc> leftover, Duration wait) {
    Waiting.until(() -> all().stream().filter(leftover).toList(), List::isEmpty, wait,
        left -> "processes left behind (state Z = zombie, not reaped): " + left);
  }
}
