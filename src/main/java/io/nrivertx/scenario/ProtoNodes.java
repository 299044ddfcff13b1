package io.nrivertx.scenario;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.bus.ProtoJson;
import io.nrivertx.config.YamlProblem;
import io.nrivertx.config.YamlTree;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads NRI objects written in a scenario as YAML through protobuf's proto3 JSON parser, so every
 * field of the API can be written without this code knowing it. JsonFormat's errors name a field
 * or value but not a place, so the offending key is looked up in the YAML tree to get its line.
 */
final class ProtoNodes {
  private static final Pattern UNKNOWN_FIELD = Pattern.compile("Cannot find field: (\\S+) in message (\\S+)");
  private static final Pattern BAD_VALUE = Pattern.compile(": (\\S+?)(?: for enum type.*)?$");

  private ProtoNodes() {
  }

  static <B extends Message.Builder> B read(Node node, String path, B builder) {
    String type = builder.getDescriptorForType().getName();
    if (!(node instanceof MappingNode)) {
      throw YamlTree.problem(node, path, "expected a mapping of " + type + " fields, got " + YamlTree.kind(node));
    }
    JsonObject json = (JsonObject) YamlTree.json(node, path);
    try {
      return ProtoJson.merge(json.encode(), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw locate(node, path, type, String.valueOf(e.getMessage()));
    }
  }

  private static YamlProblem locate(Node node, String path, String type, String message) {
    Matcher unknown = UNKNOWN_FIELD.matcher(message);
    if (unknown.find()) {
      String field = unknown.group(1);
      String owner = unknown.group(2).substring(unknown.group(2).lastIndexOf('.') + 1);
      Found at = find(node, path, field, true);
      at = at != null ? at : new Found(node, path);
      return YamlTree.problem(at.node, at.path, "unknown field of " + owner
          + " (fields are written with their proto3 JSON names, e.g. podSandboxId; see api.proto)");
    }
    Matcher bad = BAD_VALUE.matcher(message);
    Found at = bad.find() ? find(node, path, unquote(bad.group(1)), false) : null;
    at = at != null ? at : new Found(node, path);
    return YamlTree.problem(at.node, at.path, "not a valid " + type + ": " + message);
  }

  private record Found(Node node, String path) {
  }

  /** Depth-first search for a mapping key (or a scalar value) equal to {@code text}. */
  private static Found find(Node node, String path, String text, boolean key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String k = ((ScalarNode) t.getKeyNode()).getValue();
        String p = YamlTree.join(path, k);
        if (key && k.equals(text)) {
          return new Found(t.getKeyNode(), p);
        }
        Found f = find(t.getValueNode(), p, text, key);
        if (f != null) {
          return f;
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        Found f = find(s.getValue().get(i), YamlTree.index(path, i), text, key);
        if (f != null) {
          return f;
        }
      }
    } else if (!key && node instanceof ScalarNode s && s.getValue().equals(text)) {
      return new Found(node, path);
    }
    return null;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  static Node value(Map<String, NodeTuple> entries, String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getValueNode();
  }
}
