package io.nrivertx.interop;

import io.nrivertx.NriRuntime;
import io.nrivertx.RequestOptions;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.RunPodSandboxResponse;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the per-plugin policy ITs share: Go recorders (official stub) that are slow only on
 * containers or pods whose name holds a chosen mark ({@code -delay-match}), so one event can time
 * one plugin out while every other event, and every other plugin, answers at once; and the
 * outcome of an event as a value to compare.
 */
final class PolicyPlugins {
  /** Far beyond any timeout the tests set: a slow plugin never answers in time. */
  static final String STALL = "60s";

  private PolicyPlugins() {
  }

  /** A recorder "idx-name" logging to its own file, stalling on names that hold {@code mark}. */
  record Recorder(String id, GoPlugin process, JsonLines log) {
  }

  static Recorder recorder(RuntimeFixture rt, String idx, String name, String mark, String... extra) {
    JsonLines log = new JsonLines(rt.file(idx + "-" + name + ".jsonl"));
    List<String> args = new ArrayList<>(List.of("-name", name, "-idx", idx, "-log-file", log.file().toString(),
        "-events", "RunPodSandbox,CreateContainer", "-delay", STALL, "-delay-match", mark));
    args.addAll(List.of(extra));
    return new Recorder(idx + "-" + name, rt.plugin(GoPeers.recorder(), args.toArray(String[]::new)), log);
  }

  /** The recorder's flags for its own FailurePolicy (ConfigureResponse.failure_policy, NRI v0.12.5). */
  static String[] own(boolean failRequest, boolean keepConnected) {
    List<String> flags = new ArrayList<>();
    if (failRequest) {
      flags.add("-fail-request");
    }
    if (keepConnected) {
      flags.add("-keep-connected");
    }
    return flags.toArray(String[]::new);
  }

  static PodSandbox pod(RuntimeFixture rt, String name, Map<String, String> annotations) {
    PodSandbox pod = rt.pod("pod-" + name, name).toBuilder().putAllAnnotations(annotations).build();
    rt.domain.putPod(pod);
    return pod;
  }

  static Future<CreateContainerResponse> create(RuntimeFixture rt, NriRuntime nri, PodSandbox pod, String name,
                                                RequestOptions how) {
    Container ctr = rt.container("ctr-" + name, pod.getId(), name, ContainerState.CONTAINER_CREATED);
    return nri.request(PluginCall.CREATE_CONTAINER,
        CreateContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build(), how);
  }

  static Future<RunPodSandboxResponse> run(NriRuntime nri, PodSandbox pod) {
    return nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build());
  }

  /** How an event ended: "ok", or the failure's kind and the plugin it names. */
  static String outcome(Future<?> event) {
    Throwable cause = null;
    try {
      RuntimeFixture.await(event);
      return "ok";
    } catch (LifecycleException e) {
      return e.kind() + " " + e.plugin();
    } catch (RuntimeException | AssertionError e) {
      cause = e;
    }
    return "unexpected " + cause;
  }

  /** The failure of an event that must fail. */
  static LifecycleException failure(Future<?> event) {
    try {
      RuntimeFixture.await(event);
    } catch (LifecycleException e) {
      return e;
    }
    throw new AssertionError("the event succeeded");
  }
}
