package io.nrivertx.config;

import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Per-plugin settings in YAML: the {@code plugins:} mapping of nri-vertx's configuration (plugin
 * key to its settings) and the drop-in files {@code <NN-name or name>.policy.yaml} in the
 * plugin configuration directory, which hold one plugin's settings (docs/configuration.md,
 * "Per-plugin settings"). Every value is checked where it is written.
 */
final class PluginsYaml {
  /** The drop-in file of plugin key K is {@code K + SUFFIX}. */
  static final String SUFFIX = ".policy.yaml";
  static final List<String> KEYS = List.of("requestTimeout", "registrationTimeout", "failurePolicy", "required",
      "duplicatePolicy");
  static final List<String> FAILURE_POLICY = List.of("failRequest", "keepConnected");

  private PluginsYaml() {
  }

  /** The {@code plugins:} mapping; {@code at} turns a node into its source ("FILE:LINE"). */
  static PluginEntries read(Node node, String path, Function<Node, String> at) {
    if (YamlTree.kind(node).equals("nothing")) {
      return PluginEntries.NONE;
    }
    Map<String, NodeTuple> entries = YamlTree.mapping(node, path);
    PluginEntries out = PluginEntries.NONE;
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      String bad = PluginPolicies.checkKey(e.getKey());
      if (bad != null) {
        throw YamlTree.problem(e.getValue().getKeyNode(), YamlTree.join(path, e.getKey()), bad);
      }
      out = out.with(entry(e.getKey(), e.getValue().getValueNode(), YamlTree.join(path, e.getKey()), at));
    }
    return out;
  }

  /** One plugin's settings: a mapping of {@link #KEYS}. */
  static PluginEntries entry(String key, Node node, String path, Function<Node, String> at) {
    Map<String, NodeTuple> fields = YamlTree.mapping(node, path);
    YamlTree.allowOnly(fields, path, KEYS);
    PluginPolicy p = PluginPolicy.NONE;
    Map<String, String> sources = new TreeMap<>();
    for (Map.Entry<String, NodeTuple> f : fields.entrySet()) {
      Node value = f.getValue().getValueNode();
      String where = YamlTree.join(path, f.getKey());
      put(sources, key + "." + f.getKey(), at.apply(f.getValue().getKeyNode()));
      p = switch (f.getKey()) {
        case "requestTimeout" -> p.withRequestTimeout(duration(value, where));
        case "registrationTimeout" -> p.withRegistrationTimeout(duration(value, where));
        case "required" -> p.withRequired(YamlTree.bool(value, where));
        case "duplicatePolicy" -> p.withDuplicatePolicy(duplicates(value, where));
        default -> {
          sources.remove(key + ".failurePolicy");
          Map<String, NodeTuple> fp = YamlTree.mapping(value, where);
          YamlTree.allowOnly(fp, where, FAILURE_POLICY);
          PluginPolicy q = p;
          for (Map.Entry<String, NodeTuple> b : fp.entrySet()) {
            boolean v = YamlTree.bool(b.getValue().getValueNode(), YamlTree.join(where, b.getKey()));
            q = b.getKey().equals("failRequest") ? q.withFailRequest(v) : q.withKeepConnected(v);
            put(sources, key + ".failurePolicy." + b.getKey(), at.apply(b.getValue().getKeyNode()));
          }
          yield q;
        }
      };
    }
    return new PluginEntries(PluginPolicies.of(Map.of(key, p)), sources);
  }

  /**
   * The drop-in files of {@code dir} (a missing directory has none), in name order.
   *
   * @throws ConfigException naming the file, line and key of the first bad one
   */
  static PluginEntries dropIns(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return PluginEntries.NONE;
    }
    PluginEntries out = PluginEntries.NONE;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      List<Path> sorted = new java.util.ArrayList<>();
      files.forEach(sorted::add);
      sorted.sort(null);
      for (Path file : sorted) {
        out = out.with(dropIn(file));
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read plugin settings in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static PluginEntries dropIn(Path file) {
    String name = file.getFileName().toString();
    String key = name.substring(0, name.length() - SUFFIX.length());
    String bad = PluginPolicies.checkKey(key);
    if (bad != null) {
      throw new ConfigException("bad plugin settings file " + file + ": its name must be NN-name" + SUFFIX + " or name"
          + SUFFIX + " (" + bad + ")");
    }
    String text = ConfigLoader.read(file, "plugin settings file");
    try {
      Node root = YamlTree.parse(text);
      return root == null ? PluginEntries.NONE : entry(key, root, "", n -> file + ":" + YamlTree.line(n));
    } catch (YamlProblem p) {
      throw new ConfigException("bad plugin settings " + p.describe(file.toString()));
    }
  }

  /** A field's source, unless the text it came from does not know (an environment variable: filled in later). */
  private static void put(Map<String, String> sources, String field, String source) {
    if (source != null) {
      sources.put(field, source);
    }
  }

  private static Duration duration(Node node, String path) {
    String text = YamlTree.string(node, path);
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw YamlTree.problem(node, path, "expected " + Durations.FORM + ", positive, got \"" + text + "\" ("
          + e.getMessage() + ")");
    }
    if (d.isNegative() || d.isZero()) {
      throw YamlTree.problem(node, path, "expected a positive duration, got \"" + text + "\"");
    }
    return d;
  }

  private static DuplicatePolicy duplicates(Node node, String path) {
    String text = YamlTree.string(node, path);
    try {
      return DuplicatePolicy.parse(text);
    } catch (IllegalArgumentException e) {
      throw YamlTree.problem(node, path, e.getMessage());
    }
  }
}
