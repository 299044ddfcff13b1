package io.nrivertx.stub.v010.impl;

import io.nrivertx.stub.v010.V010Exception;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where v0.1 plugins are found and what they inherit. NRI appends {@code /opt/nri/bin} to PATH and
 * execs the type by name; so do we, with Go's rules: a name containing '/' is used as is, empty
 * and relative PATH entries are skipped (Go refuses results relative to the current directory).
 */
final class Executables {
  private static final List<String> PRIVATE = List.of("NRI_PLUGIN_NAME", "NRI_PLUGIN_IDX", "NRI_PLUGIN_SOCKET");

  private Executables() {
  }

  /** PATH's entries, then the bin directories. */
  static List<String> searchPath(Map<String, String> env, List<String> binDirs) {
    List<String> dirs = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    if (!path.isEmpty()) {
      dirs.addAll(List.of(path.split(":", -1)));
    }
    dirs.addAll(binDirs);
    return List.copyOf(dirs);
  }

  /**
   * The plugins' environment: the adapter's own with PATH extended, but without NRI_PLUGIN_*: a
   * runtime-launched adapter's fd 3 is not passed on, so the variables would only mislead.
   */
  static Map<String, String> childEnvironment(Map<String, String> env, List<String> searchPath) {
    Map<String, String> child = new LinkedHashMap<>(env);
    PRIVATE.forEach(child::remove);
    child.put("PATH", String.join(":", searchPath));
    return child;
  }

  /** Blocking (file-system checks): call on a worker. */
  static Path find(String type, List<String> searchPath) {
    if (type.contains("/")) {
      Path path = Path.of(type);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new V010Exception("no executable file " + path);
      }
      return path;
    }
    for (String dir : searchPath) {
      if (dir.isEmpty() || !dir.startsWith("/")) {
        continue;
      }
      Path candidate = Path.of(dir, type);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new V010Exception("executable file not found in " + String.join(":", searchPath)
        + " (install it in one of these directories, or fix \"type\" in the v0.1 configuration)");
  }
}
