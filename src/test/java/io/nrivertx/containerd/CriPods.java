package io.nrivertx.containerd;

import io.nrivertx.cri.Crictl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Pods and containers of one harness instance through crictl: host-network pods (there is no CNI)
 * under the instance's cgroup parent, each with its own log directory, and containers of the test
 * image. The config files crictl reads are written under the work directory.
 */
public final class CriPods {
  private final Crictl crictl;
  private final Path dir;
  private final String cgroupParent;

  CriPods(Crictl crictl, Path dir, String cgroupParent) {
    this.crictl = crictl;
    this.dir = dir;
    this.cgroupParent = cgroupParent;
  }

  /** A pod's config as CRI's PodSandboxConfig JSON; change it before {@link #run(JsonObject)}. */
  public JsonObject podConfig(String name) {
    return new JsonObject()
        .put("metadata", new JsonObject().put("name", name).put("namespace", "default").put("uid", "uid-" + name)
            .put("attempt", 0))
        .put("log_directory", dir.resolve("logs").resolve(name).toString())
        // network = NODE (2): no CNI here. A host-network pod must leave its hostname empty.
        .put("linux", new JsonObject().put("cgroup_parent", cgroupParent)
            .put("security_context", new JsonObject().put("namespace_options", new JsonObject().put("network", 2))));
  }

  /** A container's config (CRI ContainerConfig JSON) running the tiny workload: it prints env and cgroup limits. */
  public JsonObject containerConfig(String name) {
    return new JsonObject().put("metadata", new JsonObject().put("name", name))
        .put("image", new JsonObject().put("image", TinyImage.REF))
        .put("command", new JsonArray(List.of((Object[]) TinyImage.WORKLOAD)))
        .put("log_path", name + ".log");
  }

  /** {@code crictl runp}; returns the pod id. */
  public String run(JsonObject podConfig) {
    return crictl.run("runp", write("pod-" + name(podConfig), podConfig).toString()).ok();
  }

  public String run(String podName) {
    return run(podConfig(podName));
  }

  /** {@code crictl create}; returns the container id. */
  public String create(String podId, JsonObject podConfig, JsonObject containerConfig) {
    Path pod = write("pod-" + name(podConfig), podConfig);
    Path ctr = write("ctr-" + name(podConfig) + "-" + name(containerConfig), containerConfig);
    return crictl.run("create", podId, ctr.toString(), pod.toString()).ok();
  }

  /** A container with env entries, created and started; returns its id. */
  public String start(String podId, JsonObject podConfig, String name, Map<String, String> env) {
    JsonObject c = containerConfig(name);
    JsonArray envs = new JsonArray();
    env.forEach((k, v) -> envs.add(new JsonObject().put("key", k).put("value", v)));
    c.put("envs", envs);
    String id = create(podId, podConfig, c);
    crictl.run("start", id).ok();
    return id;
  }

  /** {@code crictl inspect}: the container's status and, under info.runtimeSpec, its OCI spec. */
  public JsonObject inspect(String containerId) {
    return crictl.run("inspect", containerId).json();
  }

  /** The environment of the container's OCI spec, as crictl inspect shows it. */
  public List<String> specEnv(String containerId) {
    JsonArray env = inspect(containerId).getJsonObject("info").getJsonObject("runtimeSpec")
        .getJsonObject("process").getJsonArray("env");
    return env.stream().map(String::valueOf).toList();
  }

  /** What the tiny workload printed so far (its CRI log, without the timestamps and stream tags). */
  public List<String> output(JsonObject podConfig, String containerName) {
    Path file = Path.of(podConfig.getString("log_directory")).resolve(containerName + ".log");
    try {
      if (Files.notExists(file)) {
        return List.of();
      }
      // CRI log lines: "<time> <stream> <P|F> <text>".
      return Files.readAllLines(file).stream().map(l -> l.split(" ", 4)).filter(f -> f.length == 4)
          .map(f -> f[3]).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs crictl against this containerd, e.g. {@code crictl("update", "--cpu-share", "512", id)}. */
  public Crictl.Result crictl(String... args) {
    return crictl.run(args);
  }

  private Path write(String name, JsonObject config) {
    Path file = dir.resolve(name + ".json");
    try {
      Files.writeString(file, config.encodePrettily());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(JsonObject config) {
    return config.getJsonObject("metadata").getString("name");
  }
}
