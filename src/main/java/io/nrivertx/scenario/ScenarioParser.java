package io.nrivertx.scenario;

import static io.nrivertx.config.YamlTree.join;
import static io.nrivertx.config.YamlTree.problem;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.config.Durations;
import io.nrivertx.config.YamlProblem;
import io.nrivertx.config.YamlTree;
import io.nrivertx.service.PluginNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a scenario file (docs/scenario.md) into a {@link ScenarioFile}, refusing anything it
 * would have to guess about: every error names the file, the line and the key. Ids that steps
 * refer to must have been introduced earlier in the file, which catches typos before any plugin
 * is involved. One instance per file.
 */
public final class ScenarioParser {
  private static final List<String> TOP_KEYS = List.of("name", "plugins", "waitTimeout", "pods", "containers", "steps");

  private final Set<String> podIds = new HashSet<>();
  private final Set<String> containerIds = new HashSet<>();

  private ScenarioParser() {
  }

  public static ScenarioFile parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario " + file + ": " + e);
    }
    return parse(text, file.toString());
  }

  /** @param source the file name used in messages */
  public static ScenarioFile parse(String text, String source) {
    try {
      return new ScenarioParser().file(text, source);
    } catch (YamlProblem p) {
      throw new ScenarioException("bad scenario " + p.describe(source));
    }
  }

  private ScenarioFile file(String text, String source) {
    Node root = YamlTree.parse(text);
    if (root == null) {
      throw new YamlProblem(1, "", "the file is empty (a scenario needs at least a steps: list)");
    }
    Map<String, NodeTuple> top = YamlTree.mapping(root, "");
    YamlTree.allowOnly(top, "", TOP_KEYS);
    if (!top.containsKey("steps")) {
      throw problem(root, "steps", "missing (a scenario needs a list of steps, see docs/scenario.md)");
    }
    Node name = ProtoNodes.value(top, "name");
    Node wait = ProtoNodes.value(top, "waitTimeout");
    List<String> plugins = list(top, "plugins", (n, p, i) -> plugin(n, p));
    List<PodSandbox> pods = list(top, "pods", (n, p, i) -> seeded(pod(n, p), p, n));
    List<Container> containers = list(top, "containers", (n, p, i) -> seededContainer(n, p));
    StepParser steps = new StepParser(podIds, containerIds);
    return new ScenarioFile(source, name == null ? null : YamlTree.string(name, "name"), plugins,
        wait == null ? ScenarioFile.DEFAULT_WAIT_TIMEOUT : duration(wait, "waitTimeout"),
        pods, containers, list(top, "steps", (n, p, i) -> steps.step(n, p, i + 1)));
  }

  private interface Item<T> {
    T read(Node node, String path, int index);
  }

  private static <T> List<T> list(Map<String, NodeTuple> top, String key, Item<T> item) {
    Node node = ProtoNodes.value(top, key);
    List<T> out = new ArrayList<>();
    if (node == null || node instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
      return out;
    }
    List<Node> items = YamlTree.sequence(node, key);
    for (int i = 0; i < items.size(); i++) {
      out.add(item.read(items.get(i), YamlTree.index(key, i), i));
    }
    return out;
  }

  private String plugin(Node node, String path) {
    String id = YamlTree.string(node, path);
    int dash = id.indexOf('-');
    String why = dash < 0 ? "not of the form NN-name" : PluginNames.checkIndex(id.substring(0, dash));
    why = why != null ? why : PluginNames.checkName(id.substring(dash + 1));
    if (why != null) {
      throw problem(node, path, "expected a plugin id \"NN-name\" such as \"10-adjuster\", got \"" + id + "\": " + why);
    }
    return id;
  }

  static PodSandbox pod(Node node, String path) {
    PodSandbox pod = ProtoNodes.read(node, path, PodSandbox.newBuilder()).build();
    if (pod.getId().isEmpty()) {
      throw problem(node, join(path, "id"), "missing: every pod needs an id");
    }
    return pod;
  }

  static Container container(Node node, String path) {
    Container c = ProtoNodes.read(node, path, Container.newBuilder()).build();
    if (c.getId().isEmpty()) {
      throw problem(node, join(path, "id"), "missing: every container needs an id");
    }
    if (c.getPodSandboxId().isEmpty()) {
      throw problem(node, join(path, "podSandboxId"), "missing: the id of the container's pod");
    }
    return c;
  }

  private PodSandbox seeded(PodSandbox pod, String path, Node node) {
    if (!podIds.add(pod.getId())) {
      throw problem(node, join(path, "id"), "duplicate pod id \"" + pod.getId() + "\"");
    }
    return pod;
  }

  private Container seededContainer(Node node, String path) {
    Container c = container(node, path);
    if (!podIds.contains(c.getPodSandboxId())) {
      throw problem(node, join(path, "podSandboxId"), "no pod \"" + c.getPodSandboxId() + "\" among pods:");
    }
    if (!containerIds.add(c.getId())) {
      throw problem(node, join(path, "id"), "duplicate container id \"" + c.getId() + "\"");
    }
    // An existing container is running unless the file says otherwise; UNKNOWN ones are not synchronized.
    boolean stateGiven = YamlTree.mapping(node, path).containsKey("state");
    return stateGiven ? c : c.toBuilder().setState(ContainerState.CONTAINER_RUNNING).build();
  }

  static Duration duration(Node node, String path) {
    if (!(node instanceof ScalarNode s) || !Tag.STR.equals(s.getTag())) {
      throw problem(node, path, "expected " + Durations.FORM + ", got " + YamlTree.kind(node));
    }
    String text = s.getValue();
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw problem(node, path, "expected a positive duration, got \"" + text + "\"");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw problem(node, path, "expected " + Durations.FORM + ", got \"" + text + "\" (" + e.getMessage() + ")");
    }
  }
}
