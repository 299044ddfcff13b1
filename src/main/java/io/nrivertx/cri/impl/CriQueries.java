package io.nrivertx.cri.impl;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.nrivertx.api.cri.*;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.ImageRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Read-only CRI calls: listings with CRI's filters and the status calls, whose verbose form
 * carries the "info" object containerd returns, with the OCI spec under {@code runtimeSpec}, so
 * {@code crictl inspect} shows what the plugins did. Runs on the state context.
 */
final class CriQueries {
  private final CriStore store;

  CriQueries(CriStore store) {
    this.store = store;
  }

  ListPodSandboxResponse listPods(PodSandboxFilter f) {
    ListPodSandboxResponse.Builder out = ListPodSandboxResponse.newBuilder();
    for (PodRecord p : store.pods()) {
      if ((f.getId().isEmpty() || p.getId().startsWith(f.getId()))
          && (!f.hasState() || f.getState().getState() == p.getState())
          && labelsMatch(f.getLabelSelectorMap(), p.getConfig().getLabelsMap())) {
        out.addItems(PodSandbox.newBuilder().setId(p.getId()).setMetadata(p.getConfig().getMetadata())
            .setState(p.getState()).setCreatedAt(p.getCreatedAt()).putAllLabels(p.getConfig().getLabelsMap())
            .putAllAnnotations(p.getConfig().getAnnotationsMap()).setRuntimeHandler(p.getRuntimeHandler()));
      }
    }
    return out.build();
  }

  PodSandboxStatusResponse podStatus(PodRecord p, boolean verbose) {
    PodSandboxStatus status = PodSandboxStatus.newBuilder().setId(p.getId()).setMetadata(p.getConfig().getMetadata())
        .setState(p.getState()).setCreatedAt(p.getCreatedAt())
        .setNetwork(PodSandboxNetworkStatus.newBuilder().setIp(p.getIp()))
        .setLinux(LinuxPodSandboxStatus.newBuilder().setNamespaces(Namespace.newBuilder()
            .setOptions(p.getConfig().getLinux().getSecurityContext().getNamespaceOptions())))
        .putAllLabels(p.getConfig().getLabelsMap()).putAllAnnotations(p.getConfig().getAnnotationsMap())
        .setRuntimeHandler(p.getRuntimeHandler()).build();
    PodSandboxStatusResponse.Builder out = PodSandboxStatusResponse.newBuilder().setStatus(status)
        .setTimestamp(Clock.nanos());
    if (verbose) {
      JsonObject info = new JsonObject().put("pid", p.getPid())
          .put("processStatus", p.getState() == PodSandboxState.SANDBOX_READY ? "running" : "stopped")
          .put("netNamespaceClosed", p.getState() != PodSandboxState.SANDBOX_READY)
          .put("image", "registry.k8s.io/pause:3.10.2").put("runtimeHandler", p.getRuntimeHandler())
          .put("runtimeType", "io.containerd.runc.v2").put("config", json(p.getConfig()))
          .put("runtimeSpec", SpecJson.parse(p.getSpecJson()));
      out.putInfo("info", info.encode());
    }
    return out.build();
  }

  ListContainersResponse listContainers(ContainerFilter f) {
    ListContainersResponse.Builder out = ListContainersResponse.newBuilder();
    for (ContainerRecord c : store.containers()) {
      if ((f.getId().isEmpty() || c.getId().startsWith(f.getId()))
          && (f.getPodSandboxId().isEmpty() || c.getPodId().startsWith(f.getPodSandboxId()))
          && (!f.hasState() || f.getState().getState() == c.getState())
          && labelsMatch(f.getLabelSelectorMap(), c.getConfig().getLabelsMap())) {
        out.addContainers(Container.newBuilder().setId(c.getId()).setPodSandboxId(c.getPodId())
            .setMetadata(c.getConfig().getMetadata()).setImage(image(c)).setImageRef(c.getImageRef())
            .setImageId(c.getImageRef()).setState(c.getState()).setCreatedAt(c.getCreatedAt())
            .putAllLabels(c.getConfig().getLabelsMap()).putAllAnnotations(c.getConfig().getAnnotationsMap()));
      }
    }
    return out.build();
  }

  ContainerStatusResponse containerStatus(ContainerRecord c, boolean verbose) {
    JsonObject spec = SpecJson.parse(c.getSpecJson());
    JsonObject process = spec.getJsonObject("process", new JsonObject());
    JsonObject user = process.getJsonObject("user", new JsonObject());
    LinuxContainerUser.Builder linuxUser = LinuxContainerUser.newBuilder().setUid(user.getLong("uid", 0L))
        .setGid(user.getLong("gid", 0L));
    user.getJsonArray("additionalGids", new JsonArray()).forEach(g -> linuxUser.addSupplementalGroups(((Number) g).longValue()));
    PodRecord pod = store.pod(c.getPodId());
    String logDir = pod == null ? "" : pod.getConfig().getLogDirectory();
    String logPath = c.getConfig().getLogPath().isEmpty() || logDir.isEmpty() ? c.getConfig().getLogPath()
        : logDir + "/" + c.getConfig().getLogPath();
    ContainerStatus status = ContainerStatus.newBuilder().setId(c.getId()).setMetadata(c.getConfig().getMetadata())
        .setState(c.getState()).setCreatedAt(c.getCreatedAt()).setStartedAt(c.getStartedAt())
        .setFinishedAt(c.getFinishedAt()).setExitCode(c.getExitCode()).setImage(image(c)).setImageRef(c.getImageRef())
        .setImageId(c.getImageRef()).setReason(c.getReason()).setMessage(c.getMessage())
        .putAllLabels(c.getConfig().getLabelsMap()).putAllAnnotations(c.getConfig().getAnnotationsMap())
        .addAllMounts(c.getConfig().getMountsList()).setLogPath(logPath)
        .setResources(ContainerResources.newBuilder().setLinux(OciResources.toCri(
            spec.getJsonObject("linux", new JsonObject()).getJsonObject("resources", new JsonObject()), process)))
        .setUser(ContainerUser.newBuilder().setLinux(linuxUser)).setStopSignalValue(c.getConfig().getStopSignalValue())
        .build();
    ContainerStatusResponse.Builder out = ContainerStatusResponse.newBuilder().setStatus(status);
    if (verbose) {
      JsonObject info = new JsonObject().put("sandboxID", c.getPodId()).put("pid", c.getPid()).put("removing", false)
          .put("snapshotKey", c.getId()).put("snapshotter", "overlayfs").put("runtimeType", "io.containerd.runc.v2")
          .put("config", json(c.getConfig())).put("runtimeSpec", spec);
      if (c.getCdiDevicesCount() > 0) {
        info.put("cdiDevices", new JsonArray(List.copyOf(c.getCdiDevicesList())));
      }
      out.putInfo("info", info.encode());
    }
    return out.build();
  }

  private ImageSpec image(ContainerRecord c) {
    ImageRecord img = store.image(c.getImageRef());
    String name = img != null && img.getRepoTagsCount() > 0 ? img.getRepoTags(0) : c.getConfig().getImage().getImage();
    return ImageSpec.newBuilder().setImage(name).setUserSpecifiedImage(c.getConfig().getImage().getImage()).build();
  }

  private static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** A CRI message as containerd shows it in "info": the proto field names. */
  static JsonObject json(MessageOrBuilder m) {
    try {
      return new JsonObject(JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace().print(m));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
