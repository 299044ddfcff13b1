package io.nrivertx.conformance;

import io.nrivertx.config.YamlTree;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A crictl script for the side-by-side run (src/test/resources/sidebyside/*.yaml): pods and
 * containers as CRI JSON configs, and steps of the form {@code OP NAME [crictl flags...]}. Bad
 * scripts are refused at load with the file and what is wrong in it.
 *
 * @param pods pod name to its PodSandboxConfig fields (without metadata)
 * @param containers container name to {@code {pod, config}}
 */
record CriScript(String name, Map<String, JsonObject> pods, Map<String, Container> containers, List<Step> steps) {
  static final List<String> POD_OPS = List.of("runp", "stopp", "rmp");
  static final List<String> CONTAINER_OPS = List.of("create", "start", "update", "stop", "rm", "exited", "refused");

  record Container(String name, String pod, JsonObject config) {
  }

  /** {@code op} on the pod or container {@code target}, with extra crictl flags. */
  record Step(String op, String target, List<String> flags) {
    @Override
    public String toString() {
      return String.join(" ", op, target, String.join(" ", flags)).strip();
    }
  }

  static CriScript load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the side-by-side script " + file, e);
    }
    try {
      return parse(file.getFileName().toString().replaceFirst("\\.yaml$", ""), text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static CriScript parse(String name, String text) {
    JsonObject root = (JsonObject) YamlTree.json(YamlTree.parse(text), "");
    for (String key : root.fieldNames()) {
      if (!Set.of("pods", "containers", "steps").contains(key)) {
        throw new IllegalArgumentException("unknown key \"" + key + "\" (pods, containers, steps)");
      }
    }
    Map<String, JsonObject> pods = new LinkedHashMap<>();
    root.getJsonObject("pods", new JsonObject()).forEach(e -> pods.put(e.getKey(), object(e.getValue(), "pods." + e.getKey())));
    Map<String, Container> containers = new LinkedHashMap<>();
    root.getJsonObject("containers", new JsonObject()).forEach(e -> {
      JsonObject c = object(e.getValue(), "containers." + e.getKey());
      String pod = c.getString("pod");
      if (!pods.containsKey(pod)) {
        throw new IllegalArgumentException("containers." + e.getKey() + ".pod: no pod \"" + pod + "\" in pods");
      }
      containers.put(e.getKey(), new Container(e.getKey(), pod, c.getJsonObject("config", new JsonObject())));
    });
    List<Step> steps = root.getJsonArray("steps", new io.vertx.core.json.JsonArray()).stream().map(s -> {
      List<String> words = Arrays.asList(String.valueOf(s).strip().split("\\s+"));
      if (words.size() < 2) {
        throw new IllegalArgumentException("step \"" + s + "\": give OP NAME [flags...]");
      }
      String op = words.get(0);
      String target = words.get(1);
      if (POD_OPS.contains(op) ? !pods.containsKey(target) : CONTAINER_OPS.contains(op) ? !containers.containsKey(target)
          : true) {
        throw new IllegalArgumentException("step \"" + s + "\": " + (POD_OPS.contains(op) || CONTAINER_OPS.contains(op)
            ? "no " + (POD_OPS.contains(op) ? "pod" : "container") + " \"" + target + "\""
            : "unknown operation \"" + op + "\" (" + String.join(", ", POD_OPS) + ", " + String.join(", ", CONTAINER_OPS) + ")"));
      }
      return new Step(op, target, List.copyOf(words.subList(2, words.size())));
    }).toList();
    return new CriScript(name, pods, containers, steps);
  }

  private static JsonObject object(Object v, String path) {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw new IllegalArgumentException(path + ": expected a mapping, got " + v);
  }
}
