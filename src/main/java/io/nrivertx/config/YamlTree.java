package io.nrivertx.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML as SnakeYAML's node tree rather than as plain maps, because only the nodes keep
 * their line numbers, and a file error that does not say where it is wastes the operator's time.
 * Every accessor takes the key path of the node so that its {@link YamlProblem} can name it.
 */
public final class YamlTree {
  private YamlTree() {
  }

  /** Parses exactly one YAML document; null when the text holds none (empty or only comments). */
  public static Node parse(String text) {
    try {
      return new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new YamlProblem(mark == null ? 1 : mark.getLine() + 1, "", "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new YamlProblem(1, "", "not valid YAML: " + e.getMessage());
    }
  }

  /** The entries of a mapping in file order, keyed by their (string) key. */
  public static Map<String, NodeTuple> mapping(Node node, String path) {
    if (!(node instanceof MappingNode m)) {
      throw problem(node, path, "expected a mapping (key: value), got " + kind(node));
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw problem(t.getKeyNode(), path, "keys must be plain strings");
      }
      if (out.putIfAbsent(k.getValue(), t) != null) {
        throw problem(k, join(path, k.getValue()), "duplicate key");
      }
    }
    return out;
  }

  /** Rejects keys outside {@code allowed}; a typo must not be silently ignored. */
  public static void allowOnly(Map<String, NodeTuple> entries, String path, Collection<String> allowed) {
    entries.forEach((key, t) -> {
      if (!allowed.contains(key)) {
        throw problem(t.getKeyNode(), join(path, key), "unknown key (expected one of " + String.join(", ", allowed) + ")");
      }
    });
  }

  public static List<Node> sequence(Node node, String path) {
    if (!(node instanceof SequenceNode s)) {
      throw problem(node, path, "expected a list, got " + kind(node));
    }
    return s.getValue();
  }

  /** A string scalar; numbers, booleans and nulls are refused so that `name: 0012` is not read as 12. */
  public static String string(Node node, String path) {
    if (!(node instanceof ScalarNode s) || !Tag.STR.equals(s.getTag())) {
      throw problem(node, path, "expected a string, got " + kind(node) + " (quote it if it is meant as text)");
    }
    return s.getValue();
  }

  public static boolean bool(Node node, String path) {
    if (!(node instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
      throw problem(node, path, "expected true or false, got " + kind(node));
    }
    return Boolean.TRUE.equals(new Scalars().value(s));
  }

  /** Converts a subtree to Vert.x JSON values (JsonObject, JsonArray, String, Number, Boolean, null). */
  public static Object json(Node node, String path) {
    return json(node, path, new Scalars());
  }

  private static Object json(Node node, String path, Scalars scalars) {
    if (node instanceof MappingNode) {
      JsonObject out = new JsonObject();
      mapping(node, path).forEach((k, t) -> out.put(k, json(t.getValueNode(), join(path, k), scalars)));
      return out;
    }
    if (node instanceof SequenceNode s) {
      JsonArray out = new JsonArray();
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(json(s.getValue().get(i), index(path, i), scalars));
      }
      return out;
    }
    Object v = scalars.value((ScalarNode) node);
    if (v instanceof BigInteger big) {
      return big.bitLength() < 64 ? big.longValue() : big.toString();
    }
    // Timestamps, binary and other YAML-only types have no JSON form: keep the text as written.
    return v == null || v instanceof String || v instanceof Number || v instanceof Boolean
        ? v : ((ScalarNode) node).getValue();
  }

  public static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  public static int line(Node node) {
    return node == null || node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
  }

  public static YamlProblem problem(Node at, String path, String detail) {
    return new YamlProblem(line(at), path, detail);
  }

  /** How a node reads to a person: "a list", "the number 12", "nothing". */
  public static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) node;
    Tag tag = s.getTag();
    if (Tag.NULL.equals(tag)) {
      return "nothing";
    }
    String what = Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) ? "the number "
        : Tag.BOOL.equals(tag) ? "the boolean " : "";
    return what + "\"" + s.getValue() + "\"";
  }

  /** SnakeYAML's own scalar rules (YAML 1.1 ints, floats, booleans); one per conversion, it keeps state. */
  private static final class Scalars extends SafeConstructor {
    Scalars() {
      super(new LoaderOptions());
    }

    Object value(ScalarNode node) {
      return constructObject(node);
    }
  }
}
