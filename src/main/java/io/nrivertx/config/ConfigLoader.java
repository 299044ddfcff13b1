package io.nrivertx.config;

import io.nrivertx.NriOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads nri-vertx's YAML configuration. Plain SnakeYAML rather than vertx-config, because the
 * error for a mistyped key or a bad duration has to say on which line it is. Keys follow
 * containerd's NRI section (JSON spelling) where they mean the same thing.
 */
final class ConfigLoader {
  /** The default configuration, packaged next to this class from conf/nri-vertx.yaml. */
  static final String EMBEDDED = "nri-vertx.yaml";
  static final List<String> KEYS = List.of("socketPath", "disableConnections", "pluginRegistrationTimeout",
      "pluginRequestTimeout", "runtimeName", "busPrefix", "namespace");

  NriConfig defaults() {
    NriConfig builtIn = new NriConfig(new NriOptions(), NriConfig.DEFAULT_NAMESPACE);
    try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED)) {
      // Absent only when running from bare classes; the built-in values are the same defaults.
      return in == null ? builtIn : apply(builtIn, new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "embedded " + EMBEDDED);
    } catch (IOException e) {
      throw new ConfigException("cannot read the embedded " + EMBEDDED + ": " + e.getMessage(), e);
    }
  }

  NriConfig overlay(NriConfig base, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("cannot read config " + file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + file + ": " + e.getMessage(), e);
    }
    return apply(base, text, file.toString());
  }

  /** The keys present in {@code text} override {@code base}; {@code source} names the text in errors. */
  NriConfig apply(NriConfig base, String text, String source) {
    try {
      Node root = YamlTree.parse(text);
      if (root == null) {
        return base;
      }
      Map<String, NodeTuple> entries = YamlTree.mapping(root, "");
      YamlTree.allowOnly(entries, "", KEYS);
      NriOptions options = base.options();
      String namespace = base.namespace();
      for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
        String key = e.getKey();
        Node value = e.getValue().getValueNode();
        switch (key) {
          case "socketPath" -> options.setSocketPath(text(value, key, "an absolute or relative socket path"));
          case "disableConnections" -> options.setDisableConnections(YamlTree.bool(value, key));
          case "pluginRegistrationTimeout" -> timeout(value, key).ifPresent(options::setRegistrationTimeout);
          case "pluginRequestTimeout" -> timeout(value, key).ifPresent(options::setRequestTimeout);
          case "runtimeName" -> options.setRuntimeName(text(value, key, "the runtime name plugins see in Configure"));
          case "busPrefix" -> options.setBusPrefix(text(value, key, "an event-bus address prefix such as \"nri\""));
          case "namespace" -> namespace = text(value, key, "a namespace such as \"k8s.io\"");
          default -> throw new IllegalStateException("key listed but not handled: " + key);
        }
      }
      return new NriConfig(options, namespace);
    } catch (YamlProblem p) {
      throw new ConfigException("bad config " + p.describe(source));
    }
  }

  private static String text(Node value, String key, String form) {
    String s;
    try {
      s = YamlTree.string(value, key);
    } catch (YamlProblem p) {
      throw YamlTree.problem(value, key, "expected " + form + ", got " + YamlTree.kind(value));
    }
    if (s.isBlank()) {
      throw YamlTree.problem(value, key, "expected " + form + ", got an empty string");
    }
    return s;
  }

  /** As in containerd, 0 keeps the default; negative timeouts make no sense. */
  private static Optional<Duration> timeout(Node value, String key) {
    String s = text(value, key, Durations.FORM);
    Duration d;
    try {
      d = Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw YamlTree.problem(value, key, "expected " + Durations.FORM + ", got \"" + s + "\" (" + e.getMessage() + ")");
    }
    if (d.isNegative()) {
      throw YamlTree.problem(value, key, "expected a positive duration (0 keeps the default), got \"" + s + "\"");
    }
    return d.isZero() ? Optional.empty() : Optional.of(d);
  }
}
