package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.LinuxPids;
import io.nrivertx.api.LinuxResources;
import java.util.List;

/**
 * Linux resources, for both a CreateContainer adjustment (targets: the container and the reply)
 * and a container update (target: a copy of the pending resources). Order of claims follows Go:
 * memory, CPU, hugepages, [cgroup device rules], unified, blockio class, RDT class, pids.
 */
final class ResourceMerger implements FieldMerger {

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    if (!adjust.getLinux().hasResources()) {
      return;
    }
    LinuxResources src = adjust.getLinux().getResources();
    List<LinuxResources.Builder> targets = List.of(
        ctx.container().getLinuxBuilder().getResourcesBuilder(),
        ctx.reply().getLinuxBuilder().getResourcesBuilder());
    common(ctx.owners(), ctx.id(), plugin, src, targets, true);
    if (src.hasPids()) {
      ctx.claim(Field.PidsLimit, plugin);
      LinuxPids pids = LinuxPids.newBuilder().setLimit(src.getPids().getLimit()).build();
      targets.forEach(t -> t.setPids(pids));
    }
  }

  /**
   * Applies one plugin's update of a container's resources to {@code target}.
   * <p>Reproduces a Go quirk: the pids test reads the target rather than the update, so an
   * update's pids are never applied, and pids already present in the target (the requested
   * resources of the container being updated) are re-claimed by every plugin that updates it.
   */
  static void update(Ownership owners, String id, String plugin, LinuxResources src, LinuxResources.Builder target) {
    common(owners, id, plugin, src, List.of(target), false);
    if (target.hasPids()) {
      owners.claim(id, Field.PidsLimit, plugin);
    }
  }

  private static void common(Ownership owners, String id, String plugin, LinuxResources src,
                             List<LinuxResources.Builder> targets, boolean withDeviceRules) {
    for (ResourceRow row : ResourceRow.MEMORY_CPU) {
      row.apply(owners, id, plugin, src, targets);
    }
    for (HugepageLimit limit : src.getHugepageLimitsList()) {
      owners.claim(id, Field.HugepageLimits, limit.getPageSize(), plugin);
      targets.forEach(t -> t.addHugepageLimits(limit));
    }
    if (withDeviceRules) { // v1 emulation: appended, never owned
      targets.forEach(t -> t.addAllDevices(src.getDevicesList()));
    }
    src.getUnifiedMap().forEach((k, v) -> {
      owners.claim(id, Field.CgroupsUnified, k, plugin);
      targets.forEach(t -> t.putUnified(k, v));
    });
    for (ResourceRow row : ResourceRow.CLASSES) {
      row.apply(owners, id, plugin, src, targets);
    }
  }
}
