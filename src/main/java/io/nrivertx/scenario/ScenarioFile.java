package io.nrivertx.scenario;

import io.nrivertx.api.Container;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A parsed and checked scenario (docs/scenario.md): the plugins to wait for, the pods and
 * containers the runtime already has when they connect, and the steps to play. Immutable.
 *
 * @param source      the file name, for messages
 * @param name        the scenario's name, or null
 * @param plugins     "NN-name" of the external plugins that must be registered before the first step
 * @param waitTimeout how long to wait for them
 */
public record ScenarioFile(String source, String name, List<String> plugins, Duration waitTimeout,
                           List<PodSandbox> pods, List<Container> containers, List<Step> steps) {
  public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(10);

  public ScenarioFile {
    plugins = List.copyOf(plugins);
    pods = List.copyOf(pods);
    containers = List.copyOf(containers);
    steps = List.copyOf(steps);
  }

  /**
   * One step: the event to send and what it acts on. Exactly one of {@code pod} (RunPodSandbox),
   * {@code container} (CreateContainer) and {@code ref} (the id of an existing pod or container)
   * is set, as {@link Op#subject()} says.
   *
   * @param number 1-based position, as reported in the output
   * @param line   the line of the step in the file
   * @param linuxResources         UpdateContainer / UpdatePodSandbox resources, or null
   * @param overheadLinuxResources UpdatePodSandbox overhead, or null
   * @param expect what the step must produce, or null
   */
  public record Step(int number, int line, Op op, PodSandbox pod, Container container, String ref,
                     LinuxResources linuxResources, LinuxResources overheadLinuxResources, Expect expect) {
  }

  /**
   * What a step must produce. {@code ok} is always set (implied by the other keys when the file
   * leaves it out); {@code error} is a substring of the error; {@code results} holds the expected
   * adjust / update / evict JSON, each matched as a subset ({@link JsonSubset}).
   */
  public record Expect(boolean ok, String error, JsonObject results) {
    public Expect {
      results = results.copy();
    }

    @Override
    public JsonObject results() {
      return results.copy();
    }

    /**
     * Checks a step's output line ({@code ok}, {@code error}, results) against this expectation.
     *
     * @return null when it holds, else what differed
     */
    public String check(JsonObject line) {
      boolean actualOk = line.getBoolean("ok", false);
      String actualError = line.getString("error");
      if (actualOk != ok) {
        return "ok: expected " + ok + ", got " + actualOk + (actualOk ? "" : " (error: " + actualError + ")");
      }
      if (error != null && (actualError == null || !actualError.contains(error))) {
        return "error: expected it to contain \"" + error + "\", got \"" + actualError + "\"";
      }
      for (String key : results.fieldNames()) {
        String m = JsonSubset.mismatch(results.getValue(key), line.getValue(key), key);
        if (m != null) {
          return m;
        }
      }
      return null;
    }
  }
}
