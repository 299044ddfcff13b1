package io.nrivertx.stub;

import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.OptionalString;
import io.nrivertx.api.OptionalUInt64;

/**
 * Builds a {@link ContainerUpdate}: new resources for an existing container, returned from
 * CreateContainer, UpdateContainer, StopContainer or Synchronize, or sent with
 * {@link Stub#updateContainers}.
 *
 * <pre>{@code
 * ContainerUpdate u = Updates.of(containerId).setCpuShares(512).ignoreFailure().build();
 * }</pre>
 */
public final class Updates {
  private final ContainerUpdate.Builder update = ContainerUpdate.newBuilder();

  private Updates(String containerId) {
    update.setContainerId(containerId);
  }

  public static Updates of(String containerId) {
    return new Updates(containerId);
  }

  /** The runtime may drop this update if it cannot be applied, instead of failing. */
  public Updates ignoreFailure() {
    update.setIgnoreFailure(true);
    return this;
  }

  public Updates setCpuShares(long shares) {
    resources().getCpuBuilder().setShares(OptionalUInt64.newBuilder().setValue(shares));
    return this;
  }

  public Updates setCpuQuota(long quota) {
    resources().getCpuBuilder().setQuota(OptionalInt64.newBuilder().setValue(quota));
    return this;
  }

  public Updates setCpuPeriod(long period) {
    resources().getCpuBuilder().setPeriod(OptionalUInt64.newBuilder().setValue(period));
    return this;
  }

  public Updates setCpusetCpus(String cpus) {
    resources().getCpuBuilder().setCpus(cpus);
    return this;
  }

  public Updates setCpusetMems(String mems) {
    resources().getCpuBuilder().setMems(mems);
    return this;
  }

  public Updates setMemoryLimit(long bytes) {
    resources().getMemoryBuilder().setLimit(OptionalInt64.newBuilder().setValue(bytes));
    return this;
  }

  public Updates setMemoryReservation(long bytes) {
    resources().getMemoryBuilder().setReservation(OptionalInt64.newBuilder().setValue(bytes));
    return this;
  }

  public Updates setBlockioClass(String blockioClass) {
    resources().setBlockioClass(OptionalString.newBuilder().setValue(blockioClass));
    return this;
  }

  /** Merges arbitrary resource settings into the update. */
  public Updates mergeResources(LinuxResources resources) {
    resources().mergeFrom(resources);
    return this;
  }

  public ContainerUpdate build() {
    return update.build();
  }

  private LinuxResources.Builder resources() {
    return update.getLinuxBuilder().getResourcesBuilder();
  }
}
