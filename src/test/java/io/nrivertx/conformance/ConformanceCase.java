package io.nrivertx.conformance;

import io.nrivertx.config.Durations;
import io.nrivertx.config.YamlTree;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything both runtimes need to play one scenario identically: the runtime settings (request
 * timeout, default validator with NRI's YAML keys), the Go test plugins with their configs, and
 * the scenario itself (docs/scenario.md; its {@code plugins} list is derived from the plugins).
 * Hand-written cases live in src/test/resources/conformance as YAML with these top-level keys:
 * {@code name}, {@code description}, {@code runtime}, {@code plugins}, {@code scenario}.
 *
 * @param seed the generator seed, or null for a hand-written case
 */
public record ConformanceCase(String name, Long seed, Duration requestTimeout, JsonObject defaultValidator,
                              List<PluginSpec> plugins, JsonObject scenario) {
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  /** How long each runtime waits for the plugins to register; generous for a loaded 2-core box. */
  public static final String WAIT_TIMEOUT = "30s";
  private static final Set<String> KEYS = Set.of("name", "description", "seed", "runtime", "plugins", "scenario");

  public ConformanceCase {
    plugins = List.copyOf(plugins);
    scenario = scenario.copy();
    defaultValidator = defaultValidator == null ? null : defaultValidator.copy();
  }

  public static ConformanceCase load(Path file) {
    try {
      return parse(Files.readString(file), file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a case written as YAML (or JSON); {@code fallbackName} names it when it has no name. */
  public static ConformanceCase parse(String text, String fallbackName) {
    JsonObject j = (JsonObject) YamlTree.json(YamlTree.parse(text), "");
    for (String key : j.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(fallbackName + ": unknown key " + key + " (expected " + KEYS + ")");
      }
    }
    JsonObject runtime = j.getJsonObject("runtime", new JsonObject());
    Duration timeout = runtime.containsKey("requestTimeout")
        ? Durations.parse(runtime.getString("requestTimeout")) : DEFAULT_REQUEST_TIMEOUT;
    List<PluginSpec> plugins = j.getJsonArray("plugins", new JsonArray()).stream()
        .map(o -> PluginSpec.fromJson((JsonObject) o)).toList();
    return new ConformanceCase(j.getString("name", fallbackName), j.getLong("seed"), timeout,
        runtime.getJsonObject("defaultValidator"), plugins, j.getJsonObject("scenario"));
  }

  public JsonObject toJson() {
    JsonObject runtime = new JsonObject().put("requestTimeout", Durations.format(requestTimeout));
    if (defaultValidator != null) {
      runtime.put("defaultValidator", defaultValidator.copy());
    }
    JsonObject j = new JsonObject().put("name", name);
    if (seed != null) {
      j.put("seed", seed);
    }
    return j.put("runtime", runtime)
        .put("plugins", new JsonArray(plugins.stream().map(PluginSpec::toJson).toList()))
        .put("scenario", scenario.copy());
  }

  /** The scenario file both runtimes play: the case's scenario plus the plugins to wait for. */
  public JsonObject scenarioFile() {
    JsonObject s = scenario.copy();
    s.put("name", name);
    s.put("plugins", new JsonArray(plugins.stream().map(PluginSpec::id).toList()));
    s.put("waitTimeout", WAIT_TIMEOUT);
    return s;
  }
}
