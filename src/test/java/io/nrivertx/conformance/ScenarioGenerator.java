package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Seeded random conformance cases: 1–5 Go test plugins (adjusters and recorders with random
 * configs), sometimes the builtin default validator with random rules and required plugins,
 * pods (some annotated with required or tolerated plugins), running containers, and 4–18 events.
 * The same seed (and plugin count) always gives the same case.
 */
public final class ScenarioGenerator {
  static final String REQUIRED = "required-plugins.noderesource.dev";
  static final String TOLERATE = "tolerate-missing-plugins.test";

  private ScenarioGenerator() {
  }

  /** @param plugins plugins per case, or 0 for 1–5 at random */
  public static ConformanceCase generate(long seed, int plugins) {
    Rand r = new Rand(seed);
    int count = plugins > 0 ? plugins : r.between(1, 5);
    List<String> idx = r.some(IntStream.rangeClosed(1, 98).mapToObj(i -> String.format("%02d", i)).toList(),
        count, count);
    List<String> kinds = idx.stream().map(i -> r.chance(0.7) ? PluginSpec.ADJUSTER : PluginSpec.RECORDER).toList();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(kinds.get(i) + "-" + (char) ('a' + i));
    }
    JsonObject validator = r.chance(0.25) ? defaultValidator(r, idx, names) : null;

    StepGen gen = new StepGen(r, podAnnotations(r, idx, names, validator));
    JsonArray pods = new JsonArray();
    for (int i = r.between(1, 2); i > 0; i--) {
      pods.add(gen.pod());
    }
    JsonArray containers = new JsonArray();
    for (int i = r.between(0, 2); i > 0; i--) {
      containers.add(gen.container(r.pick("CONTAINER_RUNNING", "CONTAINER_RUNNING", "CONTAINER_CREATED")));
    }
    JsonArray steps = gen.steps(r.between(4, 18));

    List<String> ids = new ArrayList<>(gen.containerIds());
    ids.add("ctr-elsewhere"); // a container the runtime does not have
    PluginGen pg = new PluginGen(r, StepGen.CONTAINER_NAMES, ids);
    List<PluginSpec> specs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      specs.add(kinds.get(i).equals(PluginSpec.ADJUSTER) ? pg.adjuster(idx.get(i), names.get(i))
          : pg.recorder(idx.get(i), names.get(i)));
    }
    JsonObject scenario = new JsonObject().put("pods", pods).put("containers", containers).put("steps", steps);
    return new ConformanceCase("seed-" + seed, seed, ConformanceCase.DEFAULT_REQUEST_TIMEOUT, validator, specs,
        scenario);
  }

  private static JsonObject defaultValidator(Rand r, List<String> idx, List<String> names) {
    JsonObject v = new JsonObject().put("enable", true);
    for (String rule : List.of("rejectOCIHookAdjustment", "rejectRuntimeDefaultSeccompAdjustment",
        "rejectUnconfinedSeccompAdjustment", "rejectCustomSeccompAdjustment", "rejectNamespaceAdjustment",
        "rejectSysctlAdjustment")) {
      if (r.chance(0.4)) {
        v.put(rule, true);
      }
    }
    if (r.chance(0.3)) {
      v.put("requiredPlugins", Rand.strings(r.some(candidates(idx, names), 1, 2)));
    }
    if (r.chance(0.3)) {
      v.put("tolerateMissingPluginsAnnotation", TOLERATE);
    }
    return v;
  }

  /** Names a required-plugins list may hold: "name", "NN-name", and one that never runs. */
  private static List<String> candidates(List<String> idx, List<String> names) {
    List<String> out = new ArrayList<>(List.of("missing-plugin"));
    for (int i = 0; i < idx.size(); i++) {
      out.add(names.get(i));
      out.add(idx.get(i) + "-" + names.get(i));
    }
    return out;
  }

  private static JsonObject podAnnotations(Rand r, List<String> idx, List<String> names, JsonObject validator) {
    JsonObject a = new JsonObject();
    if (validator == null) {
      return a;
    }
    if (r.chance(0.3)) {
      String key = REQUIRED + r.pick("", "/pod", "/container." + r.pick(StepGen.CONTAINER_NAMES));
      List<String> required = new ArrayList<>(r.some(candidates(idx, names), 1, 2));
      if (r.chance(0.2)) {
        required.add(r.pick("~", "0x10", "yes", "'quoted'")); // YAML 1.1 and 1.2 read these differently
      }
      a.put(key, r.chance(0.1) ? r.pick("just-a-name", "{a: b}", "5")
          : r.chance(0.5) ? "[" + String.join(", ", required) + "]" : "- " + String.join("\n- ", required));
    }
    if (validator.containsKey("tolerateMissingPluginsAnnotation") && r.chance(0.5)) {
      a.put(TOLERATE + r.pick("", "/pod", "/container." + r.pick(StepGen.CONTAINER_NAMES)),
          r.pick("true", "false", "TRUE", "0", "maybe"));
    }
    return a;
  }
}
