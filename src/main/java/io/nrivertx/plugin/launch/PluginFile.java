package io.nrivertx.plugin.launch;

import java.nio.file.Path;

/**
 * A pre-installed plugin: the executable {@code NN-name} in the plugin directory (often a
 * symlink), and the drop-in configuration sent to it in Configure. Its identity is the file
 * name, whatever it registers with.
 *
 * @param index the two digits before the first '-'
 * @param name everything after it (NRI does not check it; it may even be empty)
 * @param config the drop-in file's text, "" when there is none
 * @param configFile where {@code config} came from, or null
 * @param wasm true for a WebAssembly module (NRI's test: the file starts with WASM's magic and
 *     version), loaded into the runtime instead of started as a process
 */
public record PluginFile(String index, String name, Path path, String config, Path configFile, boolean wasm) {
  public PluginFile(String index, String name, Path path, String config, Path configFile) {
    this(index, name, path, config, configFile, false);
  }

  /** "NN-name", the plugin's identity for ordering and field ownership. */
  public String id() {
    return index + "-" + name;
  }
}
