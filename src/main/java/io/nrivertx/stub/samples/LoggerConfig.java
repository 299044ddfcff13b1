package io.nrivertx.stub.samples;

import io.nrivertx.service.EventMask;
import io.nrivertx.stub.Events;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The logger's settings: first from its flags, then overlaid by the drop-in config the runtime
 * sends in Configure (YAML keys as NRI's logger: logFile, events, addAnnotation, setAnnotation,
 * addEnv, setEnv; plus format).
 *
 * <p>Thread-safety: confined to the stub's context once the plugin runs.
 */
final class LoggerConfig {
  String logFile = "";
  List<String> events = new ArrayList<>();
  String addAnnotation = "";
  String setAnnotation = "";
  String addEnv = "";
  String setEnv = "";
  String format = "yaml";

  /** Overlays the keys present in {@code yaml}; keys it lacks keep their values. */
  void apply(String yaml) {
    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (doc == null) {
      return;
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("failed to parse provided configuration: not a YAML mapping");
    }
    logFile = text(map, "logFile", logFile);
    addAnnotation = text(map, "addAnnotation", addAnnotation);
    setAnnotation = text(map, "setAnnotation", setAnnotation);
    addEnv = text(map, "addEnv", addEnv);
    setEnv = text(map, "setEnv", setEnv);
    format = text(map, "format", format);
    Object list = map.get("events");
    if (list instanceof List<?> names) {
      events = names.stream().map(String::valueOf).toList();
    } else if (list != null) {
      events = List.of(String.valueOf(list));
    }
    checkFormat();
  }

  /** The subscription the events ask for; empty (every handled event) when none are named. */
  EventMask mask() {
    List<String> named = events.stream().filter(e -> !e.isEmpty()).toList();
    return named.isEmpty() ? new EventMask(0) : Events.parse(named.toArray(String[]::new));
  }

  void checkFormat() {
    if (!format.equals("yaml") && !format.equals("json")) {
      throw new IllegalArgumentException("invalid format \"" + format + "\", must be yaml or json");
    }
  }

  private static String text(Map<?, ?> map, String key, String current) {
    Object value = map.get(key);
    return value == null ? current : String.valueOf(value);
  }
}
