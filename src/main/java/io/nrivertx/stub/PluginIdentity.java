package io.nrivertx.stub;

import io.nrivertx.service.PluginNames;
import java.util.Map;

/**
 * The name and two-digit index a plugin registers with; {@link #id()} is NRI's "NN-name".
 *
 * <p>{@link #resolve} applies the precedence of containerd/nri's Go stub (v0.12.5), which is what
 * runtime-launched plugins rely on:
 * <ol>
 *   <li>{@code NRI_PLUGIN_NAME} and {@code NRI_PLUGIN_IDX} from the environment (set by the
 *       runtime for plugins it launches);</li>
 *   <li>the options: a configured name replaces the environment's name; a configured index
 *       differing from {@code NRI_PLUGIN_IDX} is an error (Go refuses to set the index twice);</li>
 *   <li>if only the index is known, the name is the executable name;</li>
 *   <li>otherwise the executable name is parsed as {@code NN-name} and gives both, replacing a
 *       configured name.</li>
 * </ol>
 * Java has no {@code argv[0]}, so the executable name is an option too
 * ({@link StubOptions#setExecutableName}); a launcher script can pass its own {@code $0}.
 */
public record PluginIdentity(String name, String index) {
  public static final String NAME_ENV = "NRI_PLUGIN_NAME";
  public static final String INDEX_ENV = "NRI_PLUGIN_IDX";

  /** "NN-name", the plugin's identity in NRI's ordering and field ownership. */
  public String id() {
    return index + "-" + name;
  }

  /**
   * Works out the identity from the environment and the options, as the Go stub does.
   *
   * @param env the process environment (only the two NRI_PLUGIN_* variables are read)
   * @throws StubException when no valid identity follows
   */
  public static PluginIdentity resolve(Map<String, String> env, StubOptions options) {
    String name = nonEmpty(env.get(NAME_ENV));
    String index = nonEmpty(env.get(INDEX_ENV));
    String optName = nonEmpty(options.getName());
    String optIndex = nonEmpty(options.getIndex());
    if (optName != null) {
      name = optName;
    }
    if (optIndex != null) {
      if (index != null && !index.equals(optIndex)) {
        throw new StubException("plugin index already set (\"" + index + "\" from " + INDEX_ENV
            + "), cannot use index \"" + optIndex + "\" from the options");
      }
      index = optIndex;
    }
    String executable = baseName(options.getExecutableName());
    if (index == null) {
      if (executable == null) {
        throw new StubException("plugin index unknown: set " + INDEX_ENV + ", the index option, or an"
            + " executable name of the form NN-name");
      }
      int dash = executable.indexOf('-');
      if (dash < 0) {
        throw new StubException("invalid plugin name \"" + executable + "\", idx-pluginname expected");
      }
      index = executable.substring(0, dash);
      name = executable.substring(dash + 1);
    } else if (name == null) {
      if (executable == null) {
        throw new StubException("plugin name unknown: set " + NAME_ENV + ", the name option, or an"
            + " executable name");
      }
      name = executable;
    }
    String bad = PluginNames.checkIndex(index);
    if (bad != null) {
      throw new StubException(bad);
    }
    return new PluginIdentity(name, index);
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String baseName(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return nonEmpty(trimmed.substring(trimmed.lastIndexOf('/') + 1));
  }
}
