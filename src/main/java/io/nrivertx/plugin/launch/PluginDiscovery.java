package io.nrivertx.plugin.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds pre-installed plugins as NRI does: entries of the plugin directory in name order,
 * directories skipped, entries without any execute bit skipped (judged on the entry itself, so a
 * symlink always counts as executable), the name split at the first '-' into a two-digit index
 * and a base name. An entry starting with WebAssembly's magic bytes is a WASM plugin, loaded
 * into the runtime (NRI decides by content too, so the base name keeps any ".wasm" suffix and the
 * file needs an execute bit as any other plugin). A badly named executable is not skipped: as in NRI, it stops the start, so an
 * operator notices a plugin that would otherwise silently never run. Blocking file-system work:
 * call it off the event loop.
 */
public final class PluginDiscovery {
  private static final System.Logger LOG = System.getLogger(PluginDiscovery.class.getName());
  private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm', 1, 0, 0, 0};
  private static final Set<PosixFilePermission> EXECUTE = Set.of(PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

  private PluginDiscovery() {
  }

  /**
   * @param pluginDir the plugin directory; null or missing means no plugins
   * @param configDir the drop-in directory; null or missing means no drop-in configuration
   * @throws LaunchException for a badly named executable or an unreadable directory or drop-in file
   */
  public static List<PluginFile> scan(Path pluginDir, Path configDir) {
    if (pluginDir == null) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(pluginDir)) {
      entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (NoSuchFileException e) {
      LOG.log(System.Logger.Level.INFO, "no plugin directory " + pluginDir + ": no pre-installed plugins to launch");
      return List.of();
    } catch (NotDirectoryException e) {
      throw new LaunchException("plugin path " + pluginDir + " is not a directory");
    } catch (IOException e) {
      throw new LaunchException("cannot read the plugin directory " + pluginDir + ": " + e);
    }
    List<PluginFile> found = new ArrayList<>();
    List<String> badNames = new ArrayList<>();
    for (Path entry : entries) {
      String file = entry.getFileName().toString();
      PosixFileAttributes attrs;
      try {
        attrs = Files.readAttributes(entry, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw new LaunchException("cannot inspect " + entry + " in the plugin directory: " + e);
      }
      if (attrs.isDirectory()) {
        continue;
      }
      if (attrs.permissions().stream().noneMatch(EXECUTE::contains)) {
        LOG.log(System.Logger.Level.INFO, "skipping non-executable plugin \"" + file + "\" in " + pluginDir
            + (isWasm(entry) ? " (a WASM plugin needs an execute bit too, as in NRI)" : ""));
        continue;
      }
      String problem = nameProblem(file);
      if (problem != null) {
        badNames.add(problem);
        continue;
      }
      int dash = file.indexOf('-');
      found.add(dropIn(entry, file.substring(0, dash), file.substring(dash + 1), configDir, isWasm(entry)));
    }
    if (!badNames.isEmpty()) {
      throw new LaunchException("plugin directory " + pluginDir + " holds executables not named NN-name: "
          + String.join("; ", badNames) + ". NRI refuses to start in this case too: rename them (e.g. 10-"
          + "logger), remove their execute permission, or move them out of the directory");
    }
    return List.copyOf(found);
  }

  /** NRI's api.ParsePluginName, with its messages; null when the name is fine. */
  static String nameProblem(String file) {
    int dash = file.indexOf('-');
    if (dash < 0) {
      return "invalid plugin name \"" + file + "\", idx-pluginname expected";
    }
    String idx = file.substring(0, dash);
    if (idx.length() != 2) {
      return "invalid plugin index \"" + idx + "\" in \"" + file + "\", must be 2 digits";
    }
    if (idx.chars().anyMatch(c -> c < '0' || c > '9')) {
      return "invalid plugin index \"" + idx + "\" in \"" + file + "\" (not [0-9][0-9])";
    }
    return null;
  }

  private static boolean isWasm(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(WASM_MAGIC.length), WASM_MAGIC);
    } catch (IOException e) {
      return false; // a dangling symlink or an unreadable file: launching it will say what is wrong
    }
  }

  /** First match wins: NN-name.conf, then name.conf; none means an empty configuration. */
  private static PluginFile dropIn(Path entry, String index, String name, Path configDir, boolean wasm) {
    if (configDir != null) {
      for (Path candidate : List.of(configDir.resolve(index + "-" + name + ".conf"), configDir.resolve(name + ".conf"))) {
        try {
          return new PluginFile(index, name, entry, Files.readString(candidate), candidate, wasm);
        } catch (NoSuchFileException e) {
          // try the next one
        } catch (AccessDeniedException e) {
          throw new LaunchException("failed to read configuration for plugin \"" + index + "-" + name + "\": "
              + candidate + ": permission denied");
        } catch (IOException e) {
          throw new LaunchException("failed to read configuration for plugin \"" + index + "-" + name + "\": "
              + candidate + ": " + e);
        }
      }
    }
    return new PluginFile(index, name, entry, "", null, wasm);
  }
}
