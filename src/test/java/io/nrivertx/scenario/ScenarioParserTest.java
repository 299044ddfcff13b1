package io.nrivertx.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ContainerState;
import io.nrivertx.scenario.ScenarioFile.Step;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioParserTest {

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.filter(f -> f.getFileName().toString().matches("scenario-[^.]+\\.yaml")).toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleParses(Path file) {
    ScenarioFile scenario = ScenarioParser.parse(file);
    assertFalse(scenario.steps().isEmpty(), file + " has steps");
    assertEquals(file.toString(), scenario.source());
  }

  @Test
  void readsTheWholeModel() {
    ScenarioFile s = ScenarioParser.parse("""
        name: model
        plugins: [10-adjuster, 50-recorder]
        waitTimeout: 1m30s
        pods:
          - {id: pod0, name: web, uid: u0, namespace: default, labels: {app: web}}
        containers:
          - {id: ctr0, podSandboxId: pod0, name: nginx, env: ["A=1"]}
          - {id: ctr9, podSandboxId: pod0, name: old, state: CONTAINER_STOPPED}
        steps:
          - op: RunPodSandbox
            pod: {id: pod1, name: db}
          - op: CreateContainer
            container: {id: ctr1, podSandboxId: pod1, name: pg, args: [postgres]}
            expect: {adjust: {annotations: {owner: adjuster}}}
          - op: UpdateContainer
            container: ctr1
            linuxResources: {cpu: {shares: {value: 512}}}
            expect: {error: conflict}
          - op: UpdatePodSandbox
            pod: pod1
            overheadLinuxResources: {memory: {limit: {value: "1000"}}}
          - op: RemoveContainer
            container: ctr0
        """, "m.yaml");
    assertEquals("model", s.name());
    assertEquals(List.of("10-adjuster", "50-recorder"), s.plugins());
    assertEquals(Duration.ofSeconds(90), s.waitTimeout());
    assertEquals("web", s.pods().getFirst().getLabelsMap().get("app"));
    assertEquals(ContainerState.CONTAINER_RUNNING, s.containers().get(0).getState(), "seeded default");
    assertEquals(ContainerState.CONTAINER_STOPPED, s.containers().get(1).getState(), "explicit state kept");

    Step create = s.steps().get(1);
    assertEquals(2, create.number());
    assertEquals(12, create.line());
    assertEquals(Op.CREATE_CONTAINER, create.op());
    assertEquals("postgres", create.container().getArgs(0));
    assertTrue(create.expect().ok(), "results imply ok");
    assertEquals(new JsonObject().put("adjust", new JsonObject().put("annotations", new JsonObject().put("owner", "adjuster"))),
        create.expect().results());

    Step update = s.steps().get(2);
    assertEquals("ctr1", update.ref());
    assertEquals(512, update.linuxResources().getCpu().getShares().getValue());
    assertFalse(update.expect().ok(), "an error implies failure");
    assertEquals("conflict", update.expect().error());
    assertEquals(1000, s.steps().get(3).overheadLinuxResources().getMemory().getLimit().getValue());
    assertNull(s.steps().get(4).expect());
  }

  @Test
  void defaultsAndEmptyLists() {
    ScenarioFile s = ScenarioParser.parse("pods:\nsteps: []\n", "d.yaml");
    assertNull(s.name());
    assertEquals(ScenarioFile.DEFAULT_WAIT_TIMEOUT, s.waitTimeout());
    assertTrue(s.plugins().isEmpty() && s.pods().isEmpty() && s.steps().isEmpty());
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad("""
            steps:
              - op: RunPodSandbox
                pod: {id: p}
              - op: CreateContaner
                container: {id: c, podSandboxId: p}
            """, "s.yaml:4: steps[1].op: unknown operation \"CreateContaner\" (expected one of RunPodSandbox, "),
        bad("name: x\nstep: []\n", "s.yaml:2: step: unknown key (expected one of name, plugins, waitTimeout"),
        bad("name: x\n", "s.yaml:1: steps: missing"),
        bad("# nothing\n", "s.yaml:1: the file is empty"),
        bad("steps: [\n", "s.yaml:2: not valid YAML"),
        bad("""
            pods:
              - id: p
                nmae: web
            steps: []
            """, "s.yaml:3: pods[0].nmae: unknown field of PodSandbox"),
        bad("""
            pods: [{id: p}]
            containers:
              - id: c
                podSandboxId: p
                state: RUNNING
            steps: []
            """, "s.yaml:5: containers[0].state: not a valid Container"),
        bad("""
            pods: [{id: p}]
            containers:
              - {id: c, podSandboxId: q}
            steps: []
            """, "s.yaml:3: containers[0].podSandboxId: no pod \"q\""),
        bad("pods: [{id: p}, {name: x}]\nsteps: []\n", "s.yaml:1: pods[1].id: missing"),
        bad("pods: [{id: p}, {id: p}]\nsteps: []\n", "s.yaml:1: pods[1].id: duplicate pod id \"p\""),
        bad("""
            steps:
              - op: StartContainer
                container: ctr9
            """, "s.yaml:3: steps[0].container: unknown container \"ctr9\""),
        bad("""
            pods: [{id: p}]
            steps:
              - op: StopPodSandbox
                pod: {id: p}
            """, "s.yaml:4: steps[0].pod: expected the id of an existing pod (a string), got a mapping; only RunPodSandbox"),
        bad("""
            steps:
              - op: RunPodSandbox
                pod: p1
            """, "s.yaml:3: steps[0].pod: expected the new pod: a mapping of PodSandbox fields"),
        bad("""
            pods: [{id: p}]
            containers: [{id: c, podSandboxId: p}]
            steps:
              - op: StartContainer
                container: c
                expect:
                  adjust: {}
            """, "s.yaml:7: steps[0].expect.adjust: StartContainer replies carry no adjust (only CreateContainer)"),
        bad("""
            pods: [{id: p}]
            steps:
              - op: CreateContainer
                container: {id: c, podSandboxId: p}
                expect:
                  adjust:
                    anotations: {a: b}
            """, "s.yaml:7: steps[0].expect.adjust.anotations: unknown field of ContainerAdjustment"),
        bad("""
            pods: [{id: p}]
            steps:
              - op: CreateContainer
                container: {id: c, podSandboxId: p}
                expect: {ok: true, error: boom}
            """, "s.yaml:5: steps[0].expect.error: an error is expected but ok is true"),
        bad("""
            pods: [{id: p}]
            steps:
              - op: CreateContainer
                container: {id: c, podSandboxId: q}
            """, "s.yaml:4: steps[0].container.podSandboxId: unknown pod \"q\""),
        bad("""
            pods: [{id: p}]
            containers: [{id: c, podSandboxId: p}]
            steps:
              - op: StartContainer
                container: c
                linuxResources: {}
            """, "s.yaml:6: steps[0].linuxResources: unknown key (expected one of op, container, expect)"),
        bad("""
            pods: [{id: p}]
            containers: [{id: c, podSandboxId: p}]
            steps:
              - op: UpdateContainer
                container: c
                linuxResources:
                  cpu: {shares: {value: lots}}
            """, "s.yaml:7: steps[0].linuxResources.cpu.shares.value: not a valid LinuxResources"),
        bad("steps:\n  - container: c\n", "s.yaml:2: steps[0].op: missing (expected one of RunPodSandbox"),
        bad("plugins: [adjuster]\nsteps: []\n", "s.yaml:1: plugins[0]: expected a plugin id \"NN-name\""),
        bad("plugins: [1-adjuster]\nsteps: []\n", "s.yaml:1: plugins[0]: expected a plugin id \"NN-name\" such as \"10-adjuster\", got \"1-adjuster\": invalid plugin index"),
        bad("waitTimeout: 10\nsteps: []\n", "s.yaml:1: waitTimeout: expected a Go duration such as \"2s\""),
        bad("waitTimeout: 0s\nsteps: []\n", "s.yaml:1: waitTimeout: expected a positive duration"),
        bad("steps: {op: RunPodSandbox}\n", "s.yaml:1: steps: expected a list, got a mapping"));
  }

  private static Arguments bad(String yaml, String message) {
    return Arguments.of(yaml, message);
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFilesNameTheLineAndKey(String yaml, String message) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(yaml, "s.yaml"));
    assertTrue(e.getMessage().startsWith("bad scenario s.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains(message), "\n expected: " + message + "\n got:      " + e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(Path.of("no/such.yaml")));
    assertTrue(e.getMessage().contains("no/such.yaml"), e.getMessage());
  }
}
