package io.nrivertx.scenario;

import static io.nrivertx.config.YamlTree.join;
import static io.nrivertx.config.YamlTree.problem;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.config.YamlTree;
import io.nrivertx.scenario.ScenarioFile.Expect;
import io.nrivertx.scenario.ScenarioFile.Step;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the steps of a scenario, in order, tracking which pod and container ids exist by then. */
final class StepParser {
  private static final List<String> EXPECT_KEYS = List.of("ok", "error", "adjust", "update", "evict");

  private final Set<String> podIds;
  private final Set<String> containerIds;

  StepParser(Set<String> podIds, Set<String> containerIds) {
    this.podIds = podIds;
    this.containerIds = containerIds;
  }

  Step step(Node node, String path, int number) {
    Map<String, NodeTuple> entries = YamlTree.mapping(node, path);
    Node opNode = ProtoNodes.value(entries, "op");
    if (opNode == null) {
      throw problem(node, join(path, "op"), "missing (expected one of " + String.join(", ", Op.names()) + ")");
    }
    String name = YamlTree.string(opNode, join(path, "op"));
    Op op = Op.byName(name);
    if (op == null) {
      throw problem(opNode, join(path, "op"), "unknown operation \"" + name + "\" (expected one of "
          + String.join(", ", Op.names()) + ")");
    }
    List<String> allowed = new ArrayList<>(List.of("op", op.subject().key()));
    allowed.addAll(op.resourceKeys());
    allowed.add("expect");
    YamlTree.allowOnly(entries, path, allowed);

    String subjectPath = join(path, op.subject().key());
    Node subject = ProtoNodes.value(entries, op.subject().key());
    if (subject == null) {
      throw problem(node, subjectPath, "missing: " + op.wireName() + " needs " + what(op.subject()));
    }
    PodSandbox pod = null;
    Container container = null;
    String ref = null;
    switch (op.subject()) {
      case NEW_POD -> {
        pod = ScenarioParser.pod(whole(subject, subjectPath, op), subjectPath);
        podIds.add(pod.getId());
      }
      case NEW_CONTAINER -> {
        container = ScenarioParser.container(whole(subject, subjectPath, op), subjectPath);
        if (!podIds.contains(container.getPodSandboxId())) {
          throw problem(subject, join(subjectPath, "podSandboxId"), unknown("pod", container.getPodSandboxId()));
        }
        containerIds.add(container.getId());
      }
      case POD -> ref = reference(subject, subjectPath, "pod", podIds);
      case CONTAINER -> ref = reference(subject, subjectPath, "container", containerIds);
    }
    Node expect = ProtoNodes.value(entries, "expect");
    return new Step(number, YamlTree.line(node), op, pod, container, ref,
        resources(entries, path, "linuxResources"), resources(entries, path, "overheadLinuxResources"),
        expect == null ? null : expect(expect, join(path, "expect"), op));
  }

  private static String what(Op.Subject subject) {
    return switch (subject) {
      case NEW_POD -> "the new pod: a mapping of PodSandbox fields with at least id";
      case NEW_CONTAINER -> "the new container: a mapping of Container fields with at least id and podSandboxId";
      case POD -> "the id of an existing pod (a string)";
      case CONTAINER -> "the id of an existing container (a string)";
    };
  }

  private static Node whole(Node subject, String path, Op op) {
    if (!(subject instanceof MappingNode)) {
      throw problem(subject, path, "expected " + what(op.subject()) + ", got " + YamlTree.kind(subject));
    }
    return subject;
  }

  private static String reference(Node subject, String path, String kind, Set<String> known) {
    if (!(subject instanceof ScalarNode s) || !Tag.STR.equals(s.getTag())) {
      throw problem(subject, path, "expected the id of an existing " + kind + " (a string), got "
          + YamlTree.kind(subject) + "; only " + (kind.equals("pod") ? "RunPodSandbox" : "CreateContainer")
          + " takes a whole " + kind);
    }
    if (!known.contains(s.getValue())) {
      throw problem(subject, path, unknown(kind, s.getValue()));
    }
    return s.getValue();
  }

  private static String unknown(String kind, String id) {
    return "unknown " + kind + " \"" + id + "\": not among " + kind + "s: and not created by an earlier step";
  }

  private static LinuxResources resources(Map<String, NodeTuple> entries, String path, String key) {
    Node node = ProtoNodes.value(entries, key);
    return node == null ? null : ProtoNodes.read(node, join(path, key), LinuxResources.newBuilder()).build();
  }

  private static Expect expect(Node node, String path, Op op) {
    Map<String, NodeTuple> entries = YamlTree.mapping(node, path);
    YamlTree.allowOnly(entries, path, EXPECT_KEYS);
    if (entries.isEmpty()) {
      throw problem(node, path, "empty: give at least one of " + String.join(", ", EXPECT_KEYS));
    }
    Node okNode = ProtoNodes.value(entries, "ok");
    Node errorNode = ProtoNodes.value(entries, "error");
    String error = errorNode == null ? null : YamlTree.string(errorNode, join(path, "error"));
    JsonObject results = new JsonObject();
    for (String key : Op.RESULT_KEYS) {
      NodeTuple t = entries.get(key);
      if (t != null) {
        results.put(key, result(t, join(path, key), key, op));
      }
    }
    boolean ok = okNode != null ? YamlTree.bool(okNode, join(path, "ok")) : error == null;
    if (ok && error != null) {
      throw problem(errorNode, join(path, "error"), "an error is expected but ok is true: drop one of them");
    }
    if (!ok && !results.isEmpty()) {
      throw problem(node, path, "a failed step has no adjust, update or evict to compare: drop ok: false or the results");
    }
    return new Expect(ok, error, results);
  }

  /** The expected JSON, checked against the NRI message so a misspelt field fails here, not as a mismatch. */
  private static Object result(NodeTuple entry, String path, String key, Op op) {
    if (!op.resultKeys().contains(key)) {
      String which = Arrays.stream(Op.values()).filter(o -> o.resultKeys().contains(key)).map(Op::wireName)
          .collect(Collectors.joining(", "));
      throw problem(entry.getKeyNode(), path, op.wireName() + " replies carry no " + key + " (only " + which + ")");
    }
    Node value = entry.getValueNode();
    if (key.equals("adjust")) {
      ProtoNodes.read(value, path, ContainerAdjustment.newBuilder());
    } else {
      List<Node> items = YamlTree.sequence(value, path);
      for (int i = 0; i < items.size(); i++) {
        ProtoNodes.read(items.get(i), YamlTree.index(path, i),
            key.equals("update") ? ContainerUpdate.newBuilder() : ContainerEviction.newBuilder());
      }
    }
    return YamlTree.json(value, path);
  }
}
