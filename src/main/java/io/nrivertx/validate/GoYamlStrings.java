package io.nrivertx.validate;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an annotation holding a YAML (or JSON) list of names the way NRI does, with Go's yaml.v3
 * decoding into {@code []string}: each item is the scalar's text as written ({@code 0x10} and
 * {@code yes} stay as they are, unlike YAML 1.1 resolution), null items are dropped, and type
 * mismatches give yaml.v3's "unmarshal errors" text. Syntax errors are reported with SnakeYAML's
 * wording, which differs from libyaml's.
 */
final class GoYamlStrings {
  /** The names, or the error when {@code error} is not null. */
  record Result(List<String> values, String error) {
  }

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> BOOLS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final Set<String> SPECIAL_FLOATS = Set.of(".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
      "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
  private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern INT = Pattern.compile(
      "^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$");
  private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$");

  private GoYamlStrings() {
  }

  static Result parse(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (YAMLException e) {
      return new Result(List.of(), "yaml: " + e.getMessage().replace('\n', ' '));
    }
    List<String> values = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (root instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (item instanceof ScalarNode s) {
          if (!isNull(s)) {
            values.add(s.getValue());
          }
        } else {
          errors.add(mismatch(item, "string"));
        }
      }
    } else if (root instanceof MappingNode || root instanceof ScalarNode s && !isNull(s)) {
      errors.add(mismatch(root, "[]string"));
    }
    return errors.isEmpty() ? new Result(values, null)
        : new Result(values, "yaml: unmarshal errors:\n  " + String.join("\n  ", errors));
  }

  private static boolean isNull(ScalarNode s) {
    return s.getScalarStyle() == ScalarStyle.PLAIN && NULLS.contains(s.getValue());
  }

  /** yaml.v3's type error: the tag it resolved, the value (shortened) for scalars, the Go type. */
  private static String mismatch(Node node, String goType) {
    String what = node instanceof SequenceNode ? "!!seq" : node instanceof MappingNode ? "!!map" : null;
    if (what == null) {
      String value = ((ScalarNode) node).getValue();
      what = tag((ScalarNode) node) + " `" + (value.length() > 10 ? value.substring(0, 7) + "..." : value) + "`";
    }
    return "line " + (node.getStartMark().getLine() + 1) + ": cannot unmarshal " + what + " into " + goType;
  }

  /** yaml.v3's resolution of a scalar that is not null (YAML 1.2 core rules, plus timestamps). */
  static String tag(ScalarNode s) {
    String v = s.getValue();
    if (s.getScalarStyle() != ScalarStyle.PLAIN) {
      return "!!str";
    }
    if (BOOLS.contains(v)) {
      return "!!bool";
    }
    if (SPECIAL_FLOATS.contains(v)) {
      return "!!float";
    }
    if (TIMESTAMP.matcher(v).matches()) {
      return "!!timestamp";
    }
    if (INT.matcher(v.replace("_", "")).matches()) {
      return "!!int";
    }
    return FLOAT.matcher(v).matches() ? "!!float" : "!!str";
  }
}
