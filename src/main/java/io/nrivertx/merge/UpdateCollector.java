package io.nrivertx.merge;

import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxContainerUpdate;
import io.nrivertx.api.LinuxCPU;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges plugins' ContainerUpdates into one update per container id, in order of first mention.
 * ignore_failure is the AND of all contributors; each field is owned per (container, field).
 * A failed update with ignore_failure set is skipped, keeping any claims it made before failing.
 */
final class UpdateCollector {

  /** Go starts each merged update from these present-but-empty parts. */
  static final LinuxResources EMPTY = LinuxResources.newBuilder()
      .setMemory(LinuxMemory.getDefaultInstance())
      .setCpu(LinuxCPU.getDefaultInstance())
      .build();

  private static final class Pending {
    final String id;
    boolean ignoreFailure;
    LinuxResources resources = EMPTY;

    Pending(String id, boolean ignoreFailure) {
      this.id = id;
      this.ignoreFailure = ignoreFailure;
    }

    ContainerUpdate toProto() {
      return ContainerUpdate.newBuilder().setContainerId(id)
          .setLinux(LinuxContainerUpdate.newBuilder().setResources(resources))
          .setIgnoreFailure(ignoreFailure).build();
    }
  }

  private final Ownership owners;
  private final String creating; // container being created (may not be updated), or null
  private final String updating; // container being updated (its update goes last), or null
  private LinuxResources requested; // requested resources of `updating`, as the next plugin sees them
  private final Map<String, Pending> byId = new LinkedHashMap<>();
  private final List<Pending> others = new ArrayList<>();

  UpdateCollector(Ownership owners, String creating, String updating, LinuxResources requested) {
    this.owners = owners;
    this.creating = creating;
    this.updating = updating;
    this.requested = requested;
  }

  void apply(String plugin, List<ContainerUpdate> updates) {
    for (ContainerUpdate u : updates) {
      String id = u.getContainerId();
      if (id.equals(creating)) {
        throw MergeException.updateDuringCreation(plugin, id);
      }
      Pending pending = pendingFor(id, u.getIgnoreFailure());
      if (!u.hasLinux() || !u.getLinux().hasResources()) {
        continue;
      }
      boolean target = id.equals(updating);
      // work on a copy so that an ignored failure leaves the resources untouched
      LinuxResources.Builder copy = (target ? requested : pending.resources).toBuilder();
      try {
        ResourceMerger.update(owners, id, plugin, u.getLinux().getResources(), copy);
      } catch (MergeException e) {
        if (u.getIgnoreFailure()) {
          continue;
        }
        throw e;
      }
      pending.resources = copy.build();
      if (target) {
        requested = pending.resources;
      }
    }
  }

  private Pending pendingFor(String id, boolean ignoreFailure) {
    Pending pending = byId.get(id);
    if (pending != null) {
      pending.ignoreFailure &= ignoreFailure;
      return pending;
    }
    pending = new Pending(id, ignoreFailure);
    byId.put(id, pending);
    if (!id.equals(updating)) {
      others.add(pending);
    }
    return pending;
  }

  /** Merged updates of all containers but the one being updated, in order of first mention. */
  List<ContainerUpdate> others() {
    return others.stream().map(Pending::toProto).toList();
  }

  /** The merged update of the container being updated; empty when no plugin mentioned it. */
  Optional<ContainerUpdate> target() {
    return Optional.ofNullable(updating == null ? null : byId.get(updating)).map(Pending::toProto);
  }

  LinuxResources requested() {
    return requested;
  }
}
