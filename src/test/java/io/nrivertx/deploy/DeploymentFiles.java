package io.nrivertx.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The shipped deployment files, read the way their consumers read them. */
final class DeploymentFiles {
  static final Path PROJECT = Path.of(System.getProperty("nri.project.dir", "."));
  static final Path UNIT = PROJECT.resolve("examples/systemd/nri-vertx.service");
  static final Path DAEMONSET = PROJECT.resolve("examples/kubernetes/nri-vertx-relay.yaml");

  private DeploymentFiles() {
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** conf/jvm.options as bin/nri-vertx reads it. */
  static List<String> shippedFlags() {
    return read(PROJECT.resolve("conf/jvm.options")).lines().map(l -> l.contains("#") ? l.substring(0, l.indexOf('#'))
        : l).map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** The values of {@code key=} in a systemd unit, in order (no continuation lines in ours). */
  static List<String> unitValues(String key) {
    return read(UNIT).lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).toList();
  }

  /** The unit's ExecStart as argv (no quoting in ours). */
  static List<String> execStart() {
    List<String> v = unitValues("ExecStart");
    if (v.size() != 1) {
      throw new AssertionError("expected one ExecStart in " + UNIT + ", got " + v);
    }
    return new ArrayList<>(Arrays.asList(v.get(0).trim().split("\\s+")));
  }

  /** Every document of the manifest. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> manifests() {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(DAEMONSET))) {
      docs.add((Map<String, Object>) doc);
    }
    return docs;
  }

  static Map<String, Object> manifest(String kind) {
    return manifests().stream().filter(m -> kind.equals(m.get("kind"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + DAEMONSET));
  }

  /** {@code at(m, "spec", "template", "spec")}: a nested value, failing with the path when absent. */
  @SuppressWarnings("unchecked")
  static <T> T at(Object root, Object... path) {
    Object cur = root;
    for (Object step : path) {
      cur = step instanceof Integer i ? ((List<Object>) cur).get(i) : ((Map<String, Object>) cur).get(step);
      if (cur == null) {
        throw new AssertionError("no " + Arrays.toString(path) + " in " + DAEMONSET);
      }
    }
    return (T) cur;
  }
}
