package io.nrivertx.config;

import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code defaultValidator} mapping of nri-vertx's YAML: NRI's keys in their YAML spelling,
 * every value type-checked where it is written (a quoted "true" is a mistake, not a yes).
 */
final class ValidatorYaml {
  static final String ANNOTATION = "tolerateMissingPluginsAnnotation";
  static final String REQUIRED = "requiredPlugins";

  private ValidatorYaml() {
  }

  static DefaultValidatorConfig read(Node node, String path) {
    Map<String, NodeTuple> entries = YamlTree.mapping(node, path);
    YamlTree.allowOnly(entries, path, DefaultValidatorConfig.yamlKeys());
    JsonObject json = new JsonObject();
    entries.forEach((key, tuple) -> {
      Node value = tuple.getValueNode();
      String at = YamlTree.join(path, key);
      switch (key) {
        case REQUIRED -> {
          JsonArray names = new JsonArray();
          List<Node> items = YamlTree.sequence(value, at);
          for (int i = 0; i < items.size(); i++) {
            names.add(YamlTree.string(items.get(i), YamlTree.index(at, i)));
          }
          json.put(key, names);
        }
        case ANNOTATION -> json.put(key, YamlTree.string(value, at));
        default -> json.put(key, YamlTree.bool(value, at));
      }
    });
    return DefaultValidatorConfig.fromJson(json);
  }
}
