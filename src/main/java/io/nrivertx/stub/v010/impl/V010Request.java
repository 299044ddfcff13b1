package io.nrivertx.stub.v010.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.LinuxNamespace;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a v0.1 plugin reads on stdin, rebuilt from an NRI event as NRI's adapter does. The JSON
 * has the field order and omissions of NRI v0.1.0's Go types ({@code conf}, {@code sandboxID},
 * {@code pid}, {@code labels}, {@code results} and the spec's maps left out when empty; map keys
 * sorted), so plugins that compare text see what they saw under containerd.
 *
 * @param state "create" or "delete" (the adapter never sends update, pause or resume)
 * @param id the pod's ID for a pod event, else the container's
 * @param sandboxId the pod's ID (equal to {@code id} for a pod event)
 * @param pid the pod's or container's pid, 0 when unknown
 * @param spec {@code resources} (OCI JSON or null), {@code namespaces}, {@code cgroupsPath},
 *     {@code annotations}
 * @param labels the pod's labels
 */
public record V010Request(String state, String id, String sandboxId, long pid, JsonObject spec,
                          Map<String, String> labels) {
  public static final String CREATE = "create";
  public static final String DELETE = "delete";

  /** A request about the pod itself. */
  public static V010Request forPod(String state, PodSandbox pod) {
    var linux = pod.getLinux();
    return new V010Request(state, pod.getId(), pod.getId(), Integer.toUnsignedLong(pod.getPid()),
        spec(linux.getResources(), pod.hasLinux() && linux.hasResources(), linux.getNamespacesList(),
            linux.getCgroupsPath(), pod.getAnnotationsMap()),
        pod.getLabelsMap());
  }

  /** A request about one of the pod's containers. */
  public static V010Request forContainer(String state, PodSandbox pod, Container ctr) {
    var linux = ctr.getLinux();
    return new V010Request(state, ctr.getId(), pod.getId(), Integer.toUnsignedLong(ctr.getPid()),
        spec(linux.getResources(), ctr.hasLinux() && linux.hasResources(), linux.getNamespacesList(),
            linux.getCgroupsPath(), ctr.getAnnotationsMap()),
        pod.getLabelsMap());
  }

  /** The request for one plugin of the chain: its conf and the results of the plugins before it. */
  public JsonObject toJson(String version, Object conf, List<V010Result> results) {
    JsonObject json = new JsonObject();
    if (conf != null) {
      json.put("conf", conf);
    }
    json.put("version", version).put("state", state).put("id", id);
    if (!sandboxId.isEmpty()) {
      json.put("sandboxID", sandboxId);
    }
    if (pid != 0) {
      json.put("pid", pid);
    }
    json.put("spec", spec);
    if (!labels.isEmpty()) {
      json.put("labels", sorted(labels));
    }
    if (!results.isEmpty()) {
      json.put("results", new JsonArray(results.stream().map(V010Result::toJson).toList()));
    }
    return json;
  }

  private static JsonObject spec(LinuxResources resources, boolean hasResources, List<LinuxNamespace> namespaces,
                                 String cgroupsPath, Map<String, String> annotations) {
    JsonObject spec = new JsonObject().put("resources", OciResources.toOci(resources, hasResources));
    Map<String, Object> byType = new TreeMap<>();
    namespaces.forEach(ns -> byType.put(ns.getType(), ns.getPath()));
    if (!byType.isEmpty()) {
      spec.put("namespaces", new JsonObject(byType));
    }
    if (!cgroupsPath.isEmpty()) {
      spec.put("cgroupsPath", cgroupsPath);
    }
    if (!annotations.isEmpty()) {
      spec.put("annotations", sorted(annotations));
    }
    return spec;
  }

  /** Go's encoding/json writes map keys sorted. */
  static JsonObject sorted(Map<String, String> map) {
    return new JsonObject(new TreeMap<String, Object>(map));
  }
}
