package io.nrivertx.config;

import io.nrivertx.config.ConfigKeys.Key;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * containerd's own config.toml: only its {@code [plugins."io.containerd.nri.v1.nri"]} section,
 * in the containerd 1.7 form ({@code disable}, {@code config_file}, {@code plugin_path},
 * {@code socket_path}) and the 2.x form (adds {@code plugin_config_path}, the two timeouts as Go
 * duration strings, {@code disable_connections} and {@code default_validator}). As in
 * containerd, an empty path and a zero timeout keep the default. The rest of the file is not
 * nri-vertx's business and is not checked beyond being TOML.
 */
final class ContainerdToml {
  static final String SECTION = "plugins.\"io.containerd.nri.v1.nri\"";
  static final String CONFIG_FILE = "config_file";
  /** TOML key to nri-vertx key; config_file is handled apart (it names another file). */
  static final Map<String, String> KEYS = Map.of("disable", "disable", "socket_path", "socketPath",
      "plugin_path", "pluginPath", "plugin_config_path", "pluginConfigPath",
      "plugin_registration_timeout", "pluginRegistrationTimeout", "plugin_request_timeout", "pluginRequestTimeout",
      "disable_connections", "disableConnections", "default_validator", "defaultValidator");

  private ContainerdToml() {
  }

  static NriConfig apply(NriConfig base, Path file) {
    TomlParseResult toml = Toml.parse(ConfigLoader.read(file, "containerd config"));
    if (toml.hasErrors()) {
      TomlParseError e = toml.errors().getFirst();
      throw new ConfigException("bad containerd config " + file + ":" + e.position().line() + ": not valid TOML: "
          + e.getMessage());
    }
    Object found = toml.get(List.of("plugins", "io.containerd.nri.v1.nri"));
    if (found == null) {
      return base.withNote(file + " has no [" + SECTION + "] section: nri-vertx's own defaults apply");
    }
    if (!(found instanceof TomlTable section)) {
      throw problem(file, toml.inputPositionOf(List.of("plugins", "io.containerd.nri.v1.nri")).line(), SECTION,
          "expected a table, got " + describe(found));
    }
    NriConfig cfg = base;
    Path nriConf = null;
    for (String name : section.keySet()) {
      int line = section.inputPositionOf(List.of(name)).line();
      String at = SECTION + "." + name;
      Object value = section.get(List.of(name));
      if (name.equals(CONFIG_FILE)) {
        if (!(value instanceof String path)) {
          throw problem(file, line, at, "expected the path of NRI's nri.conf, got " + describe(value));
        }
        nriConf = path.isEmpty() ? null : Path.of(path);
        continue;
      }
      String keyName = KEYS.get(name);
      if (keyName == null) {
        throw problem(file, line, at, "unknown key (expected one of " + CONFIG_FILE + ", "
            + String.join(", ", KEYS.keySet().stream().sorted().toList()) + ")");
      }
      Key key = ConfigKeys.byName(keyName);
      try {
        cfg = cfg.with(keyName, value(key, value, file, at), file + ":" + line + " (" + name + ")");
      } catch (IllegalArgumentException e) {
        throw problem(file, line, at, e.getMessage());
      }
    }
    return nriConf == null ? cfg : NriConf.apply(cfg, nriConf, !section.contains(List.of("plugin_config_path")));
  }

  private static Object value(Key key, Object value, Path file, String at) {
    return switch (key.kind()) {
      case BOOL -> value instanceof Boolean b ? b : fail(key, value);
      case DURATION -> value instanceof String s ? ConfigText.duration(key, s) : fail(key, value);
      case VALIDATOR -> value instanceof TomlTable t ? validator(t, file, at) : fail(key, value);
      // containerd passes only non-empty paths on, so "" keeps the default.
      default -> value instanceof String s ? (s.isEmpty() ? ConfigText.KEEP_DEFAULT : s) : fail(key, value);
    };
  }

  private static Object fail(Key key, Object value) {
    throw ConfigText.expected(key, describe(value));
  }

  private static Object validator(TomlTable table, Path file, String at) {
    List<String> toml = List.of("enable", "reject_oci_hook_adjustment", "reject_runtime_default_seccomp_adjustment",
        "reject_unconfined_seccomp_adjustment", "reject_custom_seccomp_adjustment", "reject_namespace_adjustment",
        "reject_sysctl_adjustment", "required_plugins", "tolerate_missing_plugins_annotation");
    JsonObject json = new JsonObject();
    for (String name : table.keySet()) {
      Object v = table.get(List.of(name));
      int line = table.inputPositionOf(List.of(name)).line();
      boolean ok = switch (name) {
        case "required_plugins" -> v instanceof TomlArray a && a.toList().stream().allMatch(String.class::isInstance);
        case "tolerate_missing_plugins_annotation" -> v instanceof String;
        default -> v instanceof Boolean;
      };
      if (!toml.contains(name)) {
        throw problem(file, line, at + "." + name, "unknown key (expected one of " + String.join(", ", toml) + ")");
      }
      if (!ok) {
        throw problem(file, line, at + "." + name, "expected " + (name.equals("required_plugins")
            ? "an array of plugin names" : name.startsWith("tolerate") ? "an annotation key (a string)"
            : "true or false") + ", got " + describe(v));
      }
      json.put(name, v instanceof TomlArray a ? new JsonArray(a.toList()) : v);
    }
    return io.nrivertx.validate.DefaultValidatorConfig.fromToml(json);
  }

  static String describe(Object v) {
    return switch (v) {
      case String s -> "\"" + s + "\"";
      case Boolean b -> "the boolean " + b;
      case Long l -> "the integer " + l;
      case Double d -> "the number " + d;
      case TomlTable t -> "a table";
      case TomlArray a -> "an array";
      default -> "a " + v.getClass().getSimpleName();
    };
  }

  static ConfigException problem(Path file, int line, String at, String detail) {
    return new ConfigException("bad containerd config " + file + ":" + line + ": " + at + ": " + detail);
  }
}
