package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.ContainerConfig;
import io.nrivertx.api.cri.KeyValue;
import io.nrivertx.api.cri.LinuxContainerSecurityContext;
import io.nrivertx.api.cri.NamespaceMode;
import io.nrivertx.api.cri.NamespaceOption;
import io.nrivertx.api.cri.PodSandboxConfig;
import io.nrivertx.api.cri.SecurityProfile;
import io.nrivertx.api.cri.state.PodRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the OCI runtime spec of a container (and of a pod's pause container) from CRI requests,
 * after containerd's CRI spec options: default mounts and capabilities, the pod's namespaces
 * joined through the sandbox pid, CRI mounts as bind mounts, resources, sysctls, annotations.
 * No image is inspected (none is downloaded): a container without a command runs /bin/sh.
 */
public final class SpecGenerator {
  static final String OCI_VERSION = "1.2.1";
  /**
   * The node's hostname, which containerd puts into HOSTNAME for a pod without a hostname of its
   * own (Go's os.Hostname()). Read once, from procfs (no name lookup, so it cannot stall).
   */
  static final String NODE_HOSTNAME = nodeHostname();
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private SpecGenerator() {
  }

  public static JsonObject container(PodRecord pod, String id, ContainerConfig cfg, String imageName) {
    PodSandboxConfig podCfg = pod.getConfig();
    LinuxContainerSecurityContext sec = cfg.getLinux().getSecurityContext();
    JsonArray args = new JsonArray();
    cfg.getCommandList().forEach(args::add);
    cfg.getArgsList().forEach(args::add);
    if (args.isEmpty()) {
      args.add("/bin/sh");
    }
    List<String> env = new java.util.ArrayList<>(List.of(DEFAULT_PATH, "HOSTNAME=" + hostname(podCfg)));
    for (KeyValue kv : cfg.getEnvsList()) {
      setEnv(env, kv.getKey() + "=" + kv.getValue().toString(StandardCharsets.UTF_8));
    }
    JsonObject process = new JsonObject()
        .put("terminal", cfg.getTty())
        .put("user", SpecDefaults.user(sec))
        .put("args", args)
        .put("env", new JsonArray(env))
        .put("cwd", cfg.getWorkingDir().isEmpty() ? "/" : cfg.getWorkingDir())
        .put("capabilities", SpecDefaults.capabilities(sec))
        .put("noNewPrivileges", sec.getNoNewPrivs())
        .put("oomScoreAdj", cfg.getLinux().getResources().getOomScoreAdj());
    JsonObject annotations = new JsonObject(new java.util.LinkedHashMap<>(cfg.getAnnotationsMap()))
        .put("io.kubernetes.cri.container-type", "container")
        .put("io.kubernetes.cri.container-name", cfg.getMetadata().getName())
        .put("io.kubernetes.cri.image-name", imageName)
        .put("io.kubernetes.cri.sandbox-id", pod.getId())
        .put("io.kubernetes.cri.sandbox-name", podCfg.getMetadata().getName())
        .put("io.kubernetes.cri.sandbox-namespace", podCfg.getMetadata().getNamespace())
        .put("io.kubernetes.cri.sandbox-uid", podCfg.getMetadata().getUid());
    JsonObject resources = new JsonObject()
        .put("devices", new JsonArray().add(new JsonObject().put("allow", false).put("access", "rwm")));
    OciResources.fromCri(cfg.getLinux().getResources(), resources);
    JsonObject linux = new JsonObject()
        .put("resources", resources)
        .put("cgroupsPath", cgroupsPath(podCfg, id))
        .put("namespaces", namespaces(sec.getNamespaceOptions(), pod.getPid(), false));
    if (!sec.getPrivileged()) {
      linux.put("maskedPaths", sec.getMaskedPathsCount() > 0 ? new JsonArray(List.copyOf(sec.getMaskedPathsList()))
          : SpecDefaults.maskedPaths());
      linux.put("readonlyPaths", sec.getReadonlyPathsCount() > 0 ? new JsonArray(List.copyOf(sec.getReadonlyPathsList()))
          : SpecDefaults.readonlyPaths());
    }
    if (podCfg.getLinux().getSysctlsCount() > 0) {
      linux.put("sysctl", new JsonObject(new java.util.LinkedHashMap<>(podCfg.getLinux().getSysctlsMap())));
    }
    if (cfg.getDevicesCount() > 0) {
      SpecDefaults.devices(cfg.getDevicesList(), linux);
    }
    if (sec.hasSeccomp() && sec.getSeccomp().getProfileType() != SecurityProfile.ProfileType.Unconfined) {
      linux.put("seccomp", SpecDefaults.seccomp());
    }
    JsonArray mounts = SpecDefaults.mounts(pod.getId(), cfg.getMountsList());
    return new JsonObject()
        .put("ociVersion", OCI_VERSION)
        .put("process", process)
        .put("root", new JsonObject().put("path", "rootfs").put("readonly", sec.getReadonlyRootfs()))
        .put("mounts", mounts)
        .put("annotations", annotations)
        .put("linux", linux);
  }

  /** The pause container of a pod: it holds the namespaces every container of the pod joins. */
  public static JsonObject sandbox(String id, PodSandboxConfig cfg, String handler) {
    JsonObject annotations = new JsonObject(new java.util.LinkedHashMap<>(cfg.getAnnotationsMap()))
        .put("io.kubernetes.cri.container-type", "sandbox")
        .put("io.kubernetes.cri.sandbox-id", id)
        .put("io.kubernetes.cri.sandbox-name", cfg.getMetadata().getName())
        .put("io.kubernetes.cri.sandbox-namespace", cfg.getMetadata().getNamespace())
        .put("io.kubernetes.cri.sandbox-uid", cfg.getMetadata().getUid())
        .put("io.kubernetes.cri.sandbox-log-directory", cfg.getLogDirectory())
        .put("io.kubernetes.cri.runtime-handler", handler);
    JsonObject linux = new JsonObject()
        .put("resources", new JsonObject().put("cpu", new JsonObject().put("shares", 2)))
        .put("cgroupsPath", cgroupsPath(cfg, id))
        .put("namespaces", namespaces(cfg.getLinux().getSecurityContext().getNamespaceOptions(), 0, true));
    linux.getJsonArray("namespaces").stream().map(SpecJson::asObject).filter(n -> n.getString("type").equals("network"))
        .forEach(n -> n.put("path", netnsPath(id)));
    if (cfg.getLinux().getSysctlsCount() > 0) {
      linux.put("sysctl", new JsonObject(new java.util.LinkedHashMap<>(cfg.getLinux().getSysctlsMap())));
    }
    JsonObject spec = new JsonObject()
        .put("ociVersion", OCI_VERSION)
        .put("process", new JsonObject().put("user", new JsonObject().put("uid", 65535).put("gid", 65535))
            .put("args", new JsonArray().add("/pause")).put("env", new JsonArray().add(DEFAULT_PATH)).put("cwd", "/")
            .put("noNewPrivileges", true).put("oomScoreAdj", -998))
        .put("root", new JsonObject().put("path", "rootfs").put("readonly", true))
        .put("mounts", SpecDefaults.mounts(null, List.of()))
        .put("annotations", annotations)
        .put("linux", linux);
    if (!cfg.getHostname().isEmpty()) { // containerd's WithHostname(""), an absent field, otherwise
      spec.put("hostname", cfg.getHostname());
    }
    return spec;
  }

  /**
   * Sets {@code entry} ("KEY=value") as containerd does: it replaces an earlier entry of the same
   * key in place (the default PATH, HOSTNAME) or is appended; an entry without "=" unsets the key.
   */
  static void setEnv(List<String> env, String entry) {
    int eq = entry.indexOf('=');
    String key = eq < 0 ? entry : entry.substring(0, eq);
    for (int i = 0; i < env.size(); i++) {
      String e = env.get(i);
      if (e.startsWith(key) && (e.length() == key.length() || e.charAt(key.length()) == '=')) {
        if (eq < 0) {
          env.remove(i);
        } else {
          env.set(i, entry);
        }
        return;
      }
    }
    if (eq >= 0) {
      env.add(entry);
    }
  }

  /**
   * Where containerd would mount the pod's network namespace: /var/run/netns/cni-&lt;uuid&gt;,
   * here derived from the pod id. Nothing is mounted there: the path is what plugins read.
   */
  static String netnsPath(String podId) {
    return "/var/run/netns/cni-" + podId.substring(0, 8) + "-" + podId.substring(8, 12) + "-" + podId.substring(12, 16)
        + "-" + podId.substring(16, 20) + "-" + podId.substring(20, 32);
  }

  /** The container's HOSTNAME: the pod's hostname, else the node's, as containerd sets it. */
  static String hostname(PodSandboxConfig cfg) {
    return cfg.getHostname().isEmpty() ? NODE_HOSTNAME : cfg.getHostname();
  }

  private static String nodeHostname() {
    try {
      String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
      return name.isEmpty() ? "localhost" : name;
    } catch (java.io.IOException | SecurityException e) {
      return "localhost"; // no procfs: what a node without a name answers
    }
  }

  static String cgroupsPath(PodSandboxConfig cfg, String id) {
    String parent = cfg.getLinux().getCgroupParent();
    return (parent.isEmpty() ? "/k8s.io" : parent) + "/" + id;
  }

  /**
   * The namespaces of a container or a pause container. Containers join the pod's network, IPC
   * and UTS namespaces (and its PID namespace when the pod shares it) through the pause pid.
   */
  static JsonArray namespaces(NamespaceOption opts, int podPid, boolean sandbox) {
    JsonArray out = new JsonArray();
    String pod = "/proc/" + podPid + "/ns/";
    if (opts.getPid() != NamespaceMode.NODE) {
      out.add(ns("pid", sandbox || opts.getPid() == NamespaceMode.CONTAINER ? null : pod + "pid"));
    }
    if (opts.getIpc() != NamespaceMode.NODE) {
      out.add(ns("ipc", sandbox ? null : pod + "ipc"));
    }
    if (opts.getNetwork() != NamespaceMode.NODE) {
      out.add(ns("uts", sandbox ? null : pod + "uts"));
    }
    out.add(ns("mount", null));
    if (opts.getNetwork() != NamespaceMode.NODE) {
      out.add(ns("network", sandbox ? null : pod + "net"));
    }
    return out.add(ns("cgroup", null));
  }

  private static JsonObject ns(String type, String path) {
    JsonObject o = new JsonObject().put("type", type);
    return path == null ? o : o.put("path", path);
  }
}
