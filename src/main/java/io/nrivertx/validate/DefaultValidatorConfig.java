package io.nrivertx.validate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Settings of the builtin default validator, with NRI's keys: the YAML spelling in nri-vertx's
 * config ({@link #fromJson}), the TOML spelling in containerd's config.toml ({@link #fromToml}).
 * Disabled unless {@code enable} is true, as in NRI.
 */
public record DefaultValidatorConfig(
    boolean enable,
    boolean rejectOciHookAdjustment,
    boolean rejectRuntimeDefaultSeccompAdjustment,
    boolean rejectUnconfinedSeccompAdjustment,
    boolean rejectCustomSeccompAdjustment,
    boolean rejectNamespaceAdjustment,
    boolean rejectSysctlAdjustment,
    List<String> requiredPlugins,
    String tolerateMissingPluginsAnnotation) {

  public DefaultValidatorConfig {
    requiredPlugins = requiredPlugins == null ? List.of() : List.copyOf(requiredPlugins);
    tolerateMissingPluginsAnnotation = tolerateMissingPluginsAnnotation == null ? "" : tolerateMissingPluginsAnnotation;
  }

  public static DefaultValidatorConfig disabled() {
    return new DefaultValidatorConfig(false, false, false, false, false, false, false, List.of(), "");
  }

  public static DefaultValidatorConfig fromJson(JsonObject j) {
    return of(j, "enable", "rejectOCIHookAdjustment", "rejectRuntimeDefaultSeccompAdjustment",
        "rejectUnconfinedSeccompAdjustment", "rejectCustomSeccompAdjustment", "rejectNamespaceAdjustment",
        "rejectSysctlAdjustment", "requiredPlugins", "tolerateMissingPluginsAnnotation");
  }

  public static DefaultValidatorConfig fromToml(JsonObject j) {
    return of(j, "enable", "reject_oci_hook_adjustment", "reject_runtime_default_seccomp_adjustment",
        "reject_unconfined_seccomp_adjustment", "reject_custom_seccomp_adjustment", "reject_namespace_adjustment",
        "reject_sysctl_adjustment", "required_plugins", "tolerate_missing_plugins_annotation");
  }

  /** The keys of one spelling, in record order; the config loader uses them to refuse unknown keys. */
  public static List<String> yamlKeys() {
    return List.of("enable", "rejectOCIHookAdjustment", "rejectRuntimeDefaultSeccompAdjustment",
        "rejectUnconfinedSeccompAdjustment", "rejectCustomSeccompAdjustment", "rejectNamespaceAdjustment",
        "rejectSysctlAdjustment", "requiredPlugins", "tolerateMissingPluginsAnnotation");
  }

  private static DefaultValidatorConfig of(JsonObject j, String... k) {
    JsonArray required = j.getJsonArray(k[7], new JsonArray());
    return new DefaultValidatorConfig(j.getBoolean(k[0], false), j.getBoolean(k[1], false),
        j.getBoolean(k[2], false), j.getBoolean(k[3], false), j.getBoolean(k[4], false), j.getBoolean(k[5], false),
        j.getBoolean(k[6], false), required.stream().map(String::valueOf).toList(), j.getString(k[8], ""));
  }

  public JsonObject toJson() {
    return new JsonObject().put("enable", enable).put("rejectOCIHookAdjustment", rejectOciHookAdjustment)
        .put("rejectRuntimeDefaultSeccompAdjustment", rejectRuntimeDefaultSeccompAdjustment)
        .put("rejectUnconfinedSeccompAdjustment", rejectUnconfinedSeccompAdjustment)
        .put("rejectCustomSeccompAdjustment", rejectCustomSeccompAdjustment)
        .put("rejectNamespaceAdjustment", rejectNamespaceAdjustment)
        .put("rejectSysctlAdjustment", rejectSysctlAdjustment)
        .put("requiredPlugins", new JsonArray(requiredPlugins))
        .put("tolerateMissingPluginsAnnotation", tolerateMissingPluginsAnnotation);
  }
}
