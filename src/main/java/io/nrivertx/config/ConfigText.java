package io.nrivertx.config;

import io.nrivertx.config.ConfigKeys.Key;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.runtime.DuplicatePolicy;
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
    };
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

  static IllegalArgumentException expected(Key key, String got) {
    return new IllegalArgumentException("expected " + key.form() + ", got " + got);
  }
}
