package io.nrivertx.stub.v010.impl;

import io.nrivertx.stub.v010.V010Exception;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a v0.1 plugin writes on stdout: {@code {"plugin", "version", "error", "metadata"}}. Read as
 * Go's encoding/json reads it into NRI's type: names match ignoring case, unknown fields are
 * ignored, a JSON {@code null} is an empty result; a non-empty error fails the chain.
 */
public record V010Result(String plugin, String version, String error, Map<String, String> metadata) {

  /**
   * @throws V010Exception (message without the plugin's name) if the output is not a result
   */
  public static V010Result parse(String output) {
    Object doc;
    try {
      doc = Json.decodeValue(output);
    } catch (DecodeException e) {
      throw new V010Exception("not a JSON result: " + firstLine(e.getMessage()));
    }
    if (doc == null) {
      return new V010Result("", "", "", Map.of());
    }
    if (!(doc instanceof JsonObject json)) {
      throw new V010Exception("not a JSON result: expected an object, got " + output.strip());
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Object meta = field(json, "metadata");
    if (meta instanceof JsonObject m) {
      m.forEach(e -> {
        if (!(e.getValue() instanceof String value)) {
          throw new V010Exception("\"metadata\" values must be strings, got " + e.getKey() + "=" + e.getValue());
        }
        metadata.put(e.getKey(), value);
      });
    } else if (meta != null) {
      throw new V010Exception("\"metadata\" must be an object of strings, got " + meta);
    }
    return new V010Result(string(json, "plugin"), string(json, "version"), string(json, "error"),
        Map.copyOf(metadata));
  }

  /** As the next plugin sees it in {@code results}: Go's field order, metadata left out when empty. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("plugin", plugin).put("version", version).put("error", error);
    if (!metadata.isEmpty()) {
      json.put("metadata", new JsonObject(new TreeMap<String, Object>(metadata)));
    }
    return json;
  }

  private static String string(JsonObject json, String name) {
    Object value = field(json, name);
    if (value != null && !(value instanceof String)) {
      throw new V010Exception("\"" + name + "\" must be a string, got " + value);
    }
    return value == null ? "" : (String) value;
  }

  private static Object field(JsonObject json, String name) {
    if (json.containsKey(name)) {
      return json.getValue(name);
    }
    return json.fieldNames().stream().filter(name::equalsIgnoreCase).findFirst().map(json::getValue).orElse(null);
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }
}
