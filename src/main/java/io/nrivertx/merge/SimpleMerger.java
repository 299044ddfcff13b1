package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxContainerAdjustment;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A single-valued field of the Linux adjustment: claimed once, copied to the container and the
 * reply. The memory policy is, as in Go, only forwarded, never shown to later plugins.
 */
record SimpleMerger(Field field,
                    Predicate<LinuxContainerAdjustment> isSet,
                    BiConsumer<LinuxContainerAdjustment, LinuxContainer.Builder> toContainer,
                    BiConsumer<LinuxContainerAdjustment, LinuxContainerAdjustment.Builder> toReply)
    implements FieldMerger {

  static final SimpleMerger CGROUPS_PATH = new SimpleMerger(Field.CgroupsPath,
      l -> !l.getCgroupsPath().isEmpty(),
      (l, c) -> c.setCgroupsPath(l.getCgroupsPath()),
      (l, r) -> r.setCgroupsPath(l.getCgroupsPath()));

  static final SimpleMerger OOM_SCORE_ADJ = new SimpleMerger(Field.OomScoreAdj,
      LinuxContainerAdjustment::hasOomScoreAdj,
      (l, c) -> c.setOomScoreAdj(l.getOomScoreAdj()),
      (l, r) -> r.setOomScoreAdj(l.getOomScoreAdj()));

  static final SimpleMerger IO_PRIORITY = new SimpleMerger(Field.IoPriority,
      LinuxContainerAdjustment::hasIoPriority,
      (l, c) -> c.setIoPriority(l.getIoPriority()),
      (l, r) -> r.setIoPriority(l.getIoPriority()));

  static final SimpleMerger SECCOMP_POLICY = new SimpleMerger(Field.SeccompPolicy,
      LinuxContainerAdjustment::hasSeccompPolicy,
      (l, c) -> c.setSeccompPolicy(l.getSeccompPolicy()),
      (l, r) -> r.setSeccompPolicy(l.getSeccompPolicy()));

  static final SimpleMerger SCHEDULER = new SimpleMerger(Field.LinuxSched,
      LinuxContainerAdjustment::hasScheduler,
      (l, c) -> c.setScheduler(l.getScheduler()),
      (l, r) -> r.setScheduler(l.getScheduler()));

  static final SimpleMerger MEMORY_POLICY = new SimpleMerger(Field.MemoryPolicy,
      LinuxContainerAdjustment::hasMemoryPolicy,
      (l, c) -> { },
      (l, r) -> r.setMemoryPolicy(l.getMemoryPolicy()));

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    LinuxContainerAdjustment linux = adjust.getLinux();
    if (!isSet.test(linux)) {
      return;
    }
    ctx.claim(field, plugin);
    toContainer.accept(linux, ctx.container().getLinuxBuilder());
    toReply.accept(linux, ctx.reply().getLinuxBuilder());
  }
}
