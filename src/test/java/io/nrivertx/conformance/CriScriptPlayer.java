package io.nrivertx.conformance;

import io.nrivertx.containerd.TinyImage;
import io.nrivertx.cri.Crictl;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.Waiting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a {@link CriScript} through crictl on one {@link CriSide}, with the Go recorder plugin (on
 * the official stub, subscribed to every event including validation) connected to the side's NRI
 * socket, and returns what was seen: every request the recorder got, each step's outcome, and
 * each container's status and OCI spec as {@code crictl inspect} showed them before its removal.
 *
 * <p>Both sides get identical configs: the same cgroup parent, log directory and bind-mount
 * sources (played one after the other), so that only what differs by nature is left to
 * {@link SideBySideNormalizer}.
 */
final class CriScriptPlayer {
  static final String RECORDER_EVENTS = "RunPodSandbox,UpdatePodSandbox,PostUpdatePodSandbox,StopPodSandbox,"
      + "RemovePodSandbox,CreateContainer,PostCreateContainer,StartContainer,PostStartContainer,UpdateContainer,"
      + "PostUpdateContainer,StopContainer,RemoveContainer,ValidateContainerAdjustment";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** What one side did: ids (name to id), step outcomes, containers' {status, spec}, the NRI requests. */
  record Run(String side, Map<String, String> ids, List<JsonObject> steps, Map<String, JsonObject> containers,
      List<JsonObject> nri) {
  }

  private final CriScript script;
  private final Path dir;
  private final Path shared;
  private final String cgroupParent;

  /**
   * @param dir this side's directory for configs and the recorder's log
   * @param shared what {@code ${shared}} stands for (bind-mount sources; also the pods' log directories)
   */
  CriScriptPlayer(CriScript script, Path dir, Path shared, String cgroupParent) {
    this.script = script;
    this.dir = dir;
    this.shared = shared;
    this.cgroupParent = cgroupParent;
  }

  Run play(CriSide side) {
    try {
      Files.createDirectories(dir);
      for (String sub : List.of("data", "config")) {
        Files.createDirectories(shared.resolve(sub));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = dir.resolve("recorder.jsonl");
    Map<String, String> ids = new LinkedHashMap<>();
    List<JsonObject> steps = new ArrayList<>();
    Map<String, JsonObject> containers = new LinkedHashMap<>();
    try (GoPlugin recorder = GoPlugin.start(GoPeers.recorder(), List.of("-name", "recorder", "-idx", "50",
        "-socket", side.nriSocket().toString(), "-log-file", log.toString(), "-events", RECORDER_EVENTS))) {
      JsonLines lines = new JsonLines(log);
      lines.awaitEvent("Synchronize", WAIT);
      Crictl crictl = side.crictl();
      int removedPods = 0;
      for (CriScript.Step step : script.steps()) {
        Crictl.Result r = run(crictl, step, ids, containers);
        boolean ok = step.op().equals("refused") ? r.exit() != 0 : r.exit() == 0;
        JsonObject outcome = new JsonObject().put("step", step.toString()).put("ok", ok);
        if (r.exit() != 0) {
          outcome.put("error", r.err().strip());
        }
        steps.add(outcome);
        if (ok && step.op().equals("rmp")) {
          removedPods++;
        }
      }
      int pods = removedPods;
      lines.await(l -> l.stream().filter(JsonLines.isEvent("RemovePodSandbox")).count() >= pods, WAIT);
      List<JsonObject> nri = lines.read().stream()
          .filter(l -> !List.of("ConnectionClosed", "Shutdown").contains(l.getString("event"))).toList();
      return new Run(side.name(), ids, steps, containers, nri);
    }
  }

  private Crictl.Result run(Crictl crictl, CriScript.Step step, Map<String, String> ids,
      Map<String, JsonObject> containers) {
    String name = step.target();
    List<String> args = new ArrayList<>();
    switch (step.op()) {
      case "runp" -> {
        Crictl.Result r = crictl.run("runp", write("pod-" + name, podConfig(name)).toString());
        if (r.exit() == 0) {
          ids.put(name, r.out().strip());
        }
        return r;
      }
      case "create", "refused" -> {
        CriScript.Container c = script.containers().get(name);
        Crictl.Result r = crictl.run("create", ids.getOrDefault(c.pod(), "(pod not running)"),
            write("ctr-" + name, containerConfig(c)).toString(), write("pod-" + c.pod(), podConfig(c.pod())).toString());
        if (r.exit() == 0) {
          ids.put(name, r.out().strip());
        }
        return r;
      }
      case "exited" -> {
        String id = ids.getOrDefault(name, name);
        Waiting.until(() -> crictl.run("inspect", id), r -> r.exit() != 0
            || "CONTAINER_EXITED".equals(r.json().getJsonObject("status").getString("state")), WAIT,
            r -> name + " did not exit on its own within " + WAIT.toSeconds() + " s: " + r.out() + r.err());
        return crictl.run("inspect", id);
      }
      case "rm" -> {
        Crictl.Result inspect = crictl.run("inspect", ids.getOrDefault(name, name));
        if (inspect.exit() == 0) {
          JsonObject json = inspect.json();
          containers.put(name, new JsonObject().put("status", json.getJsonObject("status"))
              .put("spec", json.getJsonObject("info", new JsonObject()).getJsonObject("runtimeSpec")));
        }
      }
      default -> {
      }
    }
    args.add(step.op());
    args.addAll(step.flags());
    args.add(ids.getOrDefault(name, name));
    return crictl.run(args.toArray(String[]::new));
  }

  /** The script's pod fields with metadata, host networking, the cgroup parent and a log directory. */
  private JsonObject podConfig(String name) {
    JsonObject cfg = substitute(script.pods().get(name).copy());
    cfg.put("metadata", new JsonObject().put("name", name).put("namespace", "default").put("uid", "uid-" + name)
        .put("attempt", 0));
    cfg.put("log_directory", shared.resolve("logs").resolve(name).toString());
    JsonObject linux = cfg.getJsonObject("linux", new JsonObject());
    cfg.put("linux", linux.put("cgroup_parent", cgroupParent));
    JsonObject sec = linux.getJsonObject("security_context", new JsonObject());
    linux.put("security_context", sec);
    // network = NODE (2): there is no CNI on the containerd side.
    sec.put("namespace_options", sec.getJsonObject("namespace_options", new JsonObject()).put("network", 2));
    return cfg;
  }

  private JsonObject containerConfig(CriScript.Container c) {
    return substitute(c.config().copy()).put("metadata", new JsonObject().put("name", c.name()))
        .put("image", new JsonObject().put("image", TinyImage.REF)).put("log_path", c.name() + ".log");
  }

  private JsonObject substitute(JsonObject o) {
    return new JsonObject(o.encode().replace("${shared}", shared.toString()));
  }

  private Path write(String name, JsonObject config) {
    try {
      return Files.writeString(dir.resolve(name + ".json"), config.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonArray array(List<JsonObject> list) {
    return new JsonArray(new ArrayList<>(list));
  }
}
