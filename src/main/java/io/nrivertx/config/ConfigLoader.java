package io.nrivertx.config;

import io.nrivertx.NriOptions;
import io.nrivertx.config.ConfigKeys.Key;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads nri-vertx's YAML configuration. Plain SnakeYAML rather than vertx-config, because the
 * error for a mistyped key or a bad duration has to say on which line it is. Keys follow
 * containerd's NRI section (JSON spelling) where they mean the same thing; {@link ConfigKeys}
 * lists them all.
 */
final class ConfigLoader {
  /** The default configuration, packaged next to this class from conf/nri-vertx.yaml. */
  static final String EMBEDDED = "nri-vertx.yaml";
  static final List<String> KEYS = ConfigKeys.topLevelNames();

  NriConfig defaults() {
    NriConfig builtIn = new NriConfig(new NriOptions(), NriConfig.DEFAULT_NAMESPACE);
    try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED)) {
      // Absent only when running from bare classes; the built-in values are the same defaults.
      return in == null ? builtIn : apply(builtIn, new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "embedded conf/" + EMBEDDED);
    } catch (IOException e) {
      throw new ConfigException("cannot read the embedded " + EMBEDDED + ": " + e.getMessage(), e);
    }
  }

  NriConfig overlay(NriConfig base, Path file) {
    return apply(base, read(file, "config"), file.toString());
  }

  /** A whole file; a missing or unreadable one is a configuration error naming it. */
  static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("cannot read " + what + " " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException("cannot read " + what + " " + file + ": permission denied");
    } catch (IOException e) {
      throw new ConfigException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** The keys present in {@code text} override {@code base}; {@code source} names the text. */
  NriConfig apply(NriConfig base, String text, String source) {
    try {
      Node root = YamlTree.parse(text);
      if (root == null) {
        return base;
      }
      Map<String, NodeTuple> entries = YamlTree.mapping(root, "");
      YamlTree.allowOnly(entries, "", KEYS);
      NriConfig cfg = base;
      for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
        Node value = e.getValue().getValueNode();
        if (ConfigKeys.SECTIONS.contains(e.getKey())) {
          cfg = section(cfg, e.getKey(), value, source);
          continue;
        }
        Key key = ConfigKeys.byName(e.getKey());
        if (key.kind() == ConfigKeys.Kind.PLUGINS) {
          cfg = cfg.with(key.name(), PluginsYaml.read(value, key.name(), n -> source + ":" + YamlTree.line(n)),
              source + ":" + YamlTree.line(e.getValue().getKeyNode()));
          continue;
        }
        cfg = cfg.with(key.name(), value(key, value), source + ":" + YamlTree.line(e.getValue().getKeyNode()));
      }
      return cfg;
    } catch (YamlProblem p) {
      throw new ConfigException("bad config " + p.describe(source));
    }
  }

  /** A section such as {@code metrics: {address: ..., prefix: ...}}: only the keys it sets change. */
  private static NriConfig section(NriConfig base, String section, Node node, String source) {
    List<Key> keys = ConfigKeys.section(section);
    Map<String, NodeTuple> entries = YamlTree.mapping(node, section);
    YamlTree.allowOnly(entries, section, keys.stream().map(Key::leaf).toList());
    NriConfig cfg = base;
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      Key key = ConfigKeys.byName(section + "." + e.getKey());
      cfg = cfg.with(key.name(), value(key, e.getValue().getValueNode()),
          source + ":" + YamlTree.line(e.getValue().getKeyNode()));
    }
    return cfg;
  }

  private static Object value(Key key, Node node) {
    String name = key.name();
    try {
      return switch (key.kind()) {
        case BOOL -> YamlTree.bool(node, name);
        case UIDS -> YamlTree.sequence(node, name).stream().map(n -> ConfigText.uid(key, integer(key, n))).toList();
        case VALIDATOR -> ValidatorYaml.read(node, name);
        case OPTIONAL_PATH -> string(key, node);
        case RATIO -> ConfigText.ratio(key, number(key, node));
        case SIZE -> node instanceof ScalarNode s && Tag.INT.equals(s.getTag()) ? ConfigText.checkSize(key, integer(key, node))
            : ConfigText.parse(key, string(key, node));
        default -> ConfigText.parse(key, string(key, node));
      };
    } catch (IllegalArgumentException e) {
      throw YamlTree.problem(node, name, e.getMessage());
    }
  }

  private static String string(Key key, Node node) {
    try {
      return YamlTree.string(node, key.name());
    } catch (YamlProblem p) {
      throw YamlTree.problem(node, key.name(), "expected " + key.form() + ", got " + YamlTree.kind(node));
    }
  }

  private static double number(Key key, Node node) {
    if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
      try {
        return Double.parseDouble(s.getValue());
      } catch (NumberFormatException e) {
        // falls through to the error below (hex, octal, .inf)
      }
    }
    throw YamlTree.problem(node, key.name(), "expected " + key.form() + ", got " + YamlTree.kind(node));
  }

  private static long integer(Key key, Node node) {
    if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
      try {
        return Long.parseLong(s.getValue());
      } catch (NumberFormatException e) {
        // falls through to the error below (hex, octal or too large)
      }
    }
    throw YamlTree.problem(node, key.name(), "expected " + key.form() + ", got " + YamlTree.kind(node));
  }
}
