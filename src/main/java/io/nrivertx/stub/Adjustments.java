package io.nrivertx.stub;

import io.nrivertx.api.CDIDevice;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Hooks;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.Mount;
import io.nrivertx.api.OptionalInt;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.OptionalUInt64;
import io.nrivertx.api.POSIXRlimit;
import java.util.List;

/**
 * Builds the reply to CreateContainer: the adjustment of the new container, plus updates and
 * evictions of other containers. Removals use NRI's markers (a leading '-', docs/protocol.md, "Removal markers"); to
 * override what another plugin set, remove and then add the same key in one reply.
 *
 * <pre>{@code
 * return Future.succeededFuture(Adjustments.create()
 *     .addAnnotation("owner", "me").addEnv("MODE", "fast").setMemoryLimit(256L << 20)
 *     .reply());
 * }</pre>
 */
public final class Adjustments {
  private final ContainerAdjustment.Builder adjust = ContainerAdjustment.newBuilder();
  private final CreateContainerResponse.Builder reply = CreateContainerResponse.newBuilder();

  private Adjustments() {
  }

  public static Adjustments create() {
    return new Adjustments();
  }

  public Adjustments addAnnotation(String key, String value) {
    adjust.putAnnotations(key, value);
    return this;
  }

  public Adjustments removeAnnotation(String key) {
    adjust.putAnnotations(marked(key), "");
    return this;
  }

  public Adjustments addEnv(String name, String value) {
    adjust.addEnv(KeyValue.newBuilder().setKey(name).setValue(value));
    return this;
  }

  public Adjustments removeEnv(String name) {
    adjust.addEnv(KeyValue.newBuilder().setKey(marked(name)));
    return this;
  }

  public Adjustments addMount(Mount mount) {
    adjust.addMounts(mount);
    return this;
  }

  /** A bind mount with the given options (e.g. "rbind", "ro"). */
  public Adjustments addBindMount(String source, String destination, String... options) {
    return addMount(Mount.newBuilder().setSource(source).setDestination(destination).setType("bind")
        .addAllOptions(List.of(options)).build());
  }

  public Adjustments removeMount(String destination) {
    adjust.addMounts(Mount.newBuilder().setDestination(marked(destination)));
    return this;
  }

  public Adjustments addDevice(LinuxDevice device) {
    adjust.getLinuxBuilder().addDevices(device);
    return this;
  }

  public Adjustments removeDevice(String path) {
    adjust.getLinuxBuilder().addDevices(LinuxDevice.newBuilder().setPath(marked(path)));
    return this;
  }

  public Adjustments addCdiDevice(String name) {
    adjust.addCDIDevices(CDIDevice.newBuilder().setName(name));
    return this;
  }

  public Adjustments addHooks(Hooks hooks) {
    adjust.getHooksBuilder().mergeFrom(hooks);
    return this;
  }

  public Adjustments addRlimit(String type, long hard, long soft) {
    adjust.addRlimits(POSIXRlimit.newBuilder().setType(type).setHard(hard).setSoft(soft));
    return this;
  }

  /** Replaces the container's command line. */
  public Adjustments setArgs(List<String> args) {
    adjust.clearArgs().addAllArgs(args);
    return this;
  }

  public Adjustments setSysctl(String key, String value) {
    adjust.getLinuxBuilder().putSysctl(key, value);
    return this;
  }

  public Adjustments removeSysctl(String key) {
    adjust.getLinuxBuilder().putSysctl(marked(key), "");
    return this;
  }

  public Adjustments setOomScoreAdj(int value) {
    adjust.getLinuxBuilder().setOomScoreAdj(OptionalInt.newBuilder().setValue(value));
    return this;
  }

  public Adjustments setCgroupsPath(String path) {
    adjust.getLinuxBuilder().setCgroupsPath(path);
    return this;
  }

  public Adjustments setCpuShares(long shares) {
    resources().getCpuBuilder().setShares(OptionalUInt64.newBuilder().setValue(shares));
    return this;
  }

  public Adjustments setCpuQuota(long quota) {
    resources().getCpuBuilder().setQuota(OptionalInt64.newBuilder().setValue(quota));
    return this;
  }

  public Adjustments setCpuPeriod(long period) {
    resources().getCpuBuilder().setPeriod(OptionalUInt64.newBuilder().setValue(period));
    return this;
  }

  public Adjustments setCpusetCpus(String cpus) {
    resources().getCpuBuilder().setCpus(cpus);
    return this;
  }

  public Adjustments setCpusetMems(String mems) {
    resources().getCpuBuilder().setMems(mems);
    return this;
  }

  public Adjustments setMemoryLimit(long bytes) {
    resources().getMemoryBuilder().setLimit(OptionalInt64.newBuilder().setValue(bytes));
    return this;
  }

  public Adjustments setMemoryReservation(long bytes) {
    resources().getMemoryBuilder().setReservation(OptionalInt64.newBuilder().setValue(bytes));
    return this;
  }

  /** Merges arbitrary resource settings into the adjustment. */
  public Adjustments mergeResources(LinuxResources resources) {
    resources().mergeFrom(resources);
    return this;
  }

  /** Also update another (existing) container; see {@link Updates}. */
  public Adjustments update(ContainerUpdate update) {
    reply.addUpdate(update);
    return this;
  }

  /** Also ask for another container to be evicted. */
  public Adjustments evict(String containerId, String reason) {
    reply.addEvict(ContainerEviction.newBuilder().setContainerId(containerId).setReason(reason));
    return this;
  }

  public ContainerAdjustment adjustment() {
    return adjust.build();
  }

  /** The CreateContainer reply: this adjustment plus the updates and evictions. */
  public CreateContainerResponse reply() {
    return reply.clone().setAdjust(adjust.build()).build();
  }

  private LinuxResources.Builder resources() {
    return adjust.getLinuxBuilder().getResourcesBuilder();
  }

  static String marked(String key) {
    return "-" + key;
  }
}
