package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random pods, containers and event sequences. Steps mostly follow a container's life (create,
 * start, update, stop, remove), with pod events and the odd out-of-order event in between. Whether
 * an event succeeds is up to the plugins, so later steps may name objects a refused event never
 * stored; both runtimes must then agree that the step could not run.
 */
final class StepGen {
  static final List<String> CONTAINER_NAMES = List.of("app", "db", "sidecar");
  private static final List<String> LIFE = List.of("CreateContainer", "PostCreateContainer", "StartContainer",
      "PostStartContainer", "UpdateContainer", "PostUpdateContainer", "StopContainer", "RemoveContainer");

  private final Rand r;
  private final JsonObject podAnnotations;
  private final List<String> pods = new ArrayList<>();
  private final Map<String, Integer> stage = new LinkedHashMap<>(); // container id -> index in LIFE
  private final Map<String, String> podOf = new LinkedHashMap<>();
  private int podCount;
  private int ctrCount;

  /** @param podAnnotations annotations some new pods get (e.g. required plugins), may be empty */
  StepGen(Rand r, JsonObject podAnnotations) {
    this.r = r;
    this.podAnnotations = podAnnotations;
  }

  JsonObject pod() {
    String id = "pod" + podCount++;
    pods.add(id);
    JsonObject pod = new JsonObject().put("id", id).put("name", r.pick("web", "db", "batch")).put("uid", "uid-" + id)
        .put("namespace", "default").put("labels", new JsonObject().put("app", id));
    if (!podAnnotations.isEmpty() && r.chance(0.7)) {
      pod.put("annotations", podAnnotations.copy());
    }
    return pod;
  }

  JsonObject container(String state) {
    String id = "ctr" + ctrCount++;
    String pod = r.pick(pods);
    podOf.put(id, pod);
    stage.put(id, state == null ? 0 : 3);
    JsonObject c = new JsonObject().put("id", id).put("podSandboxId", pod).put("name", r.pick(CONTAINER_NAMES))
        .put("args", Rand.strings(List.of("/bin/" + id))).put("env", Rand.strings(List.of("PATH=/bin", "MODE=x")));
    if (state != null) {
      c.put("state", state);
    }
    if (r.chance(0.3)) {
      c.put("annotations", new JsonObject().put("team", "core"));
    }
    if (r.chance(0.3)) {
      c.put("mounts", new JsonArray().add(new JsonObject().put("destination", "/data").put("source", "/srv/data")
          .put("type", "bind")));
    }
    JsonObject linux = new JsonObject();
    if (r.chance(0.4)) {
      linux.put("resources", ResourcesGen.resources(r, false));
    }
    if (r.chance(0.3)) {
      JsonObject profile = new JsonObject().put("profileType", r.pick("RUNTIME_DEFAULT", "UNCONFINED", "LOCALHOST"));
      linux.put("seccompProfile", profile);
    }
    if (r.chance(0.2)) {
      linux.put("namespaces", new JsonArray().add(new JsonObject().put("type", "network").put("path", "/run/netns/x"))
          .add(new JsonObject().put("type", "ipc")));
    }
    if (r.chance(0.15)) {
      linux.put("sysctl", new JsonObject().put("net.core.somaxconn", "128"));
    }
    if (!linux.isEmpty()) {
      c.put("linux", linux);
    }
    return c;
  }

  /** Container ids the steps (and seeds) introduced so far. */
  List<String> containerIds() {
    return List.copyOf(stage.keySet());
  }

  JsonArray steps(int count) {
    JsonArray steps = new JsonArray();
    while (steps.size() < count) {
      steps.add(step());
    }
    return steps;
  }

  private JsonObject step() {
    if (pods.isEmpty() || r.chance(0.08) && pods.size() < 3) {
      return new JsonObject().put("op", "RunPodSandbox").put("pod", pod());
    }
    if (stage.isEmpty() || r.chance(0.25)) {
      return new JsonObject().put("op", "CreateContainer").put("container", container(null));
    }
    if (r.chance(0.12)) {
      String op = r.pick("UpdatePodSandbox", "PostUpdatePodSandbox", "StopPodSandbox", "RemovePodSandbox");
      JsonObject s = new JsonObject().put("op", op).put("pod", r.pick(pods));
      if (op.equals("UpdatePodSandbox")) {
        s.put("linuxResources", ResourcesGen.resources(r, false));
        if (r.chance(0.5)) {
          s.put("overheadLinuxResources", ResourcesGen.resources(r, false));
        }
      }
      return s;
    }
    String id = r.pick(List.copyOf(stage.keySet()));
    int next = Math.min(stage.get(id) + r.between(1, 2), LIFE.size() - 1);
    if (r.chance(0.1)) {
      next = r.between(1, LIFE.size() - 1); // out of order, as a confused runtime might send it
    }
    stage.put(id, next);
    JsonObject s = new JsonObject().put("op", LIFE.get(next)).put("container", id);
    if (LIFE.get(next).equals("UpdateContainer") && r.chance(0.8)) {
      s.put("linuxResources", ResourcesGen.resources(r, false));
    }
    return s;
  }
}
