package io.nrivertx.merge;

import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxCPU;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OwningPlugins;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accumulates plugins' container updates for one UpdateContainer or StopContainer event, in
 * dispatch order, as Go's result.go does.
 * <p>For UpdateContainer, updates of the container being updated are applied over the requested
 * resources (which the next plugin then sees) and that container's merged update goes last in
 * the response. Go puts a nil there when no plugin mentioned the container; a protobuf list
 * cannot hold null, so here the element is simply missing: check {@link #targetUpdate()}, or the
 * last element's container id.
 * <p>Not thread-safe: one event, one sequential chain of plugin calls.
 */
public final class UpdateResult {

  private final Ownership owners = new Ownership();
  private final UpdateCollector updates;
  private final boolean forUpdate;
  private final List<ContainerEviction> evictions = new ArrayList<>();

  private UpdateResult(String containerId, LinuxResources requested) {
    this.forUpdate = containerId != null;
    this.updates = new UpdateCollector(owners, null, containerId, requested);
  }

  /**
   * For UpdateContainer.
   *
   * @param containerId the container being updated
   * @param requested the resources the runtime asked for (null = none); memory and CPU are
   *                  filled with empty parts, as Go does before dispatch
   */
  public static UpdateResult forUpdate(String containerId, LinuxResources requested) {
    LinuxResources.Builder r = requested == null ? LinuxResources.newBuilder() : requested.toBuilder();
    if (!r.hasMemory()) {
      r.setMemory(LinuxMemory.getDefaultInstance());
    }
    if (!r.hasCpu()) {
      r.setCpu(LinuxCPU.getDefaultInstance());
    }
    return new UpdateResult(containerId, r.build());
  }

  /** For StopContainer, or any event whose updates all target other containers. */
  public static UpdateResult forStop() {
    return new UpdateResult(null, null);
  }

  /** The requested resources as the next plugin must see them (UpdateContainer only). */
  public LinuxResources linuxResources() {
    if (!forUpdate) {
      throw new IllegalStateException("no requested resources: not an UpdateContainer result");
    }
    return updates.requested();
  }

  /** Merges a list of updates from one plugin ("NN-name"). */
  public void apply(String plugin, List<ContainerUpdate> update) throws MergeConflictException {
    updates.apply(plugin, update);
  }

  /** Merges one plugin's UpdateContainer reply; null changes nothing. */
  public void apply(String plugin, UpdateContainerResponse response) throws MergeConflictException {
    if (response != null) {
      updates.apply(plugin, response.getUpdateList());
      evictions.addAll(response.getEvictList());
    }
  }

  /** Merges one plugin's StopContainer reply; null changes nothing. */
  public void apply(String plugin, StopContainerResponse response) throws MergeConflictException {
    if (response != null) {
      updates.apply(plugin, response.getUpdateList());
    }
  }

  /** Merged updates of other containers, in order of first mention. */
  public List<ContainerUpdate> updates() {
    return updates.others();
  }

  /** The merged update of the container being updated; empty where Go would have nil. */
  public Optional<ContainerUpdate> targetUpdate() {
    return updates.target();
  }

  /** As Go returns it: other containers' updates, then the target's (if any), no evictions. */
  public UpdateContainerResponse updateResponse() {
    UpdateContainerResponse.Builder out = UpdateContainerResponse.newBuilder().addAllUpdate(updates.others());
    updates.target().ifPresent(out::addUpdate);
    return out.build();
  }

  public StopContainerResponse stopResponse() {
    return StopContainerResponse.newBuilder().addAllUpdate(updates.others()).build();
  }

  /** Every eviction the plugins asked for, in reply order (Go ignores them). */
  public List<ContainerEviction> evictions() {
    return List.copyOf(evictions);
  }

  public OwningPlugins owners() {
    return owners.toProto();
  }
}
