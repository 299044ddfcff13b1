package io.nrivertx.containerd;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cgroup parent of one harness instance's pods: a directory of its own under this JVM's
 * cgroup (so the pods stay within the limits the JVM runs under). {@link #remove} deletes exactly
 * the directories that did not exist before, in every cgroup hierarchy, deepest first.
 */
final class CgroupParent {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String path;
  private final List<Path> created = new ArrayList<>();

  private CgroupParent(String path, List<Path> created) {
    this.path = path;
    this.created.addAll(created);
  }

  /** Picks the path and notes, per hierarchy, which of its directories are not there yet. */
  static CgroupParent create() {
    String base = ownCgroup();
    String path = (base.equals("/") ? "" : base) + "/nri-it-" + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet();
    List<Path> missing = new ArrayList<>();
    for (Path mount : hierarchies()) {
      Path dir = mount;
      for (String part : path.substring(1).split("/")) {
        dir = dir.resolve(part);
        if (!Files.exists(dir)) {
          missing.add(dir);
        }
      }
    }
    return new CgroupParent(path, missing);
  }

  /** For the pod config's {@code linux.cgroup_parent}. */
  String path() {
    return path;
  }

  /** Removes what the pods left and the directories created for them; what stays is reported. */
  List<String> remove() {
    List<String> left = new ArrayList<>();
    created.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path dir : created) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var tree = Files.walk(dir)) {
        // Only directories: the files of a cgroup go with it.
        for (Path d : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
          if (!d.toFile().delete()) {
            left.add(d.toString());
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        left.add(dir + " (" + e.getMessage() + ")");
      }
    }
    return left;
  }

  /** This JVM's cgroup: the memory controller's path on cgroup v1, the unified path on v2. */
  private static String ownCgroup() {
    try {
      String v2 = "/";
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        String[] f = line.split(":", 3);
        if (List.of(f[1].split(",")).contains("memory")) {
          return f[2];
        }
        if (f[0].equals("0")) {
          v2 = f[2];
        }
      }
      return v2;
    } catch (IOException e) {
      throw new AssertionError("cannot read /proc/self/cgroup", e);
    }
  }

  /** Mount points of every cgroup (v1) and cgroup2 hierarchy, from /proc/self/mountinfo. */
  static List<Path> hierarchies() {
    List<Path> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] sides = line.split(" - ", 2);
        String[] fs = sides.length == 2 ? sides[1].split(" ") : new String[0];
        if (fs.length > 0 && (fs[0].equals("cgroup") || fs[0].equals("cgroup2"))) {
          out.add(Path.of(sides[0].split(" ")[4].replace("\\040", " ")));
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read /proc/self/mountinfo", e);
    }
    return out;
  }

  static boolean available() {
    return !hierarchies().isEmpty() && new File("/proc/self/cgroup").canRead();
  }
}
