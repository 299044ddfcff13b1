package io.nrivertx.config;

import io.nrivertx.config.ConfigKeys.Key;
import io.nrivertx.ops.LoggingOptions;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.service.PluginNames;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings written as plain text (environment variables, system properties, command-line flags)
 * and the checks every source shares. A value that does not fit throws an
 * IllegalArgumentException whose message is "expected FORM, got ..." for the caller to place.
 */
final class ConfigText {
  /** Returned for a duration of 0 where that keeps the default: the caller sets nothing. */
  static final Object KEEP_DEFAULT = new Object();

  private ConfigText() {
  }

  static Object parse(Key key, String text) {
    return switch (key.kind()) {
      case TEXT -> nonBlank(key, text);
      case OPTIONAL_PATH -> text;
      case BOOL -> switch (text) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw expected(key, "\"" + text + "\"");
      };
      case DURATION -> duration(key, text);
      case UIDS -> uids(key, text);
      case RESTART -> choice(key, text, () -> RestartPolicy.parse(text));
      case DUPLICATE -> choice(key, text, () -> DuplicatePolicy.parse(text));
      case VALIDATOR -> validator(key, text);
      case PLUGINS -> plugins(key, text);
      case ADDRESS -> address(key, text);
      case METRIC_PREFIX -> matching(key, text, "[a-zA-Z_][a-zA-Z0-9_]*");
      case URL -> url(key, text);
      case RATIO -> ratio(key, text);
      case LOG_LEVEL -> oneOf(key, text, LoggingOptions.LEVELS);
      case LOG_FORMAT -> oneOf(key, text, LoggingOptions.FORMATS);
      case SIZE -> size(key, text);
      case PLUGIN_NAME -> checked(key, text, PluginNames.checkName(text));
      case PLUGIN_INDEX -> checked(key, text, PluginNames.checkIndex(text));
    };
  }

  /** {@code host:port} with a port from 0 to 65535; "" is allowed and means "none". */
  static String address(Key key, String text) {
    if (text.isEmpty()) {
      return text;
    }
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "" : text.substring(0, colon);
    String port = colon < 0 ? "" : text.substring(colon + 1);
    if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw expected(key, "\"" + text + "\"");
    }
    return text;
  }

  private static String matching(Key key, String text, String regex) {
    if (!text.matches(regex)) {
      throw expected(key, "\"" + text + "\"");
    }
    return text;
  }

  private static String url(Key key, String text) {
    try {
      java.net.URI uri = new java.net.URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return text;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw expected(key, "\"" + text + "\"");
  }

  static Double ratio(Key key, String text) {
    try {
      return ratio(key, Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw expected(key, "\"" + text + "\"");
    }
  }

  static Double ratio(Key key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw expected(key, String.valueOf(v));
    }
    return v;
  }

  private static String oneOf(Key key, String text, List<String> allowed) {
    if (!allowed.contains(text)) {
      throw expected(key, "\"" + text + "\"");
    }
    return text;
  }

  static Long size(Key key, String text) {
    long bytes;
    try {
      bytes = Sizes.parse(text);
    } catch (IllegalArgumentException e) {
      throw expected(key, "\"" + text + "\"");
    }
    return checkSize(key, bytes);
  }

  /** The one size key, wasmMemoryLimit, takes 64 KiB to 4 GiB. */
  static Long checkSize(Key key, long bytes) {
    if (bytes < io.nrivertx.plugin.wasm.WasmOptions.PAGE || bytes > io.nrivertx.plugin.wasm.WasmOptions.MAX_MEMORY) {
      throw expected(key, bytes + " bytes");
    }
    return bytes;
  }

  private static String checked(Key key, String text, String problem) {
    if (problem != null) {
      throw expected(key, "\"" + text + "\" (" + problem + ")");
    }
    return text;
  }

  static String nonBlank(Key key, String text) {
    if (text.isBlank()) {
      throw expected(key, "an empty string");
    }
    return text;
  }

  /** Go duration text; negative is refused, zero keeps the default only where containerd says so. */
  static Object duration(Key key, String text) {
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw expected(key, "\"" + text + "\" (" + e.getMessage() + ")");
    }
    if (d.isNegative() || (d.isZero() && !key.zeroKeepsDefault())) {
      throw new IllegalArgumentException("expected a positive duration" + (key.zeroKeepsDefault()
          ? " (0 keeps the default)" : "") + ", got \"" + text + "\"");
    }
    return d.isZero() ? KEEP_DEFAULT : d;
  }

  static int uid(Key key, long value) {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw expected(key, "the uid " + value);
    }
    return (int) value;
  }

  private static List<Integer> uids(Key key, String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(uid(key, Long.parseLong(part.strip())));
      } catch (NumberFormatException e) {
        throw expected(key, "\"" + text + "\" (write uids separated by commas, such as 0,1000)");
      }
    }
    return List.copyOf(out);
  }

  private static String choice(Key key, String text, Runnable check) {
    try {
      check.run();
      return text;
    } catch (IllegalArgumentException e) {
      throw expected(key, "\"" + text + "\"");
    }
  }

  /** The default validator as a JSON object with its YAML keys, e.g. {"enable": true}. */
  private static DefaultValidatorConfig validator(Key key, String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw expected(key, "\"" + text + "\" (as JSON, e.g. {\"enable\": true})");
    }
    for (String k : json.fieldNames()) {
      Object v = json.getValue(k);
      boolean ok = switch (k) {
        case "requiredPlugins" -> v instanceof JsonArray a && a.stream().allMatch(String.class::isInstance);
        case "tolerateMissingPluginsAnnotation" -> v instanceof String;
        default -> DefaultValidatorConfig.yamlKeys().contains(k) && v instanceof Boolean;
      };
      if (!ok) {
        throw expected(key, "the key \"" + k + "\" = " + json.getValue(k));
      }
    }
    return DefaultValidatorConfig.fromJson(json);
  }

  /**
   * The per-plugin settings as YAML or JSON text, e.g. {"10-x": {"requestTimeout": "1s"}}; the
   * fields' source is filled in by whoever knows it.
   */
  private static PluginEntries plugins(Key key, String text) {
    try {
      org.yaml.snakeyaml.nodes.Node root = YamlTree.parse(text);
      return root == null ? PluginEntries.NONE : PluginsYaml.read(root, key.name(), n -> null);
    } catch (YamlProblem p) {
      throw new IllegalArgumentException((p.key().isEmpty() ? "" : p.key() + ": ") + p.detail()
          + " (write it as JSON, e.g. {\"10-x\": {\"requestTimeout\": \"1s\"}})");
    }
  }

  static IllegalArgumentException expected(Key key, String got) {
    return new IllegalArgumentException("expected " + key.form() + ", got " + got);
  }
}
