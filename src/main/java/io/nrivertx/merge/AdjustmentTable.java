package io.nrivertx.merge;

import static io.nrivertx.merge.FieldMerger.linux;

import java.util.List;

/**
 * Every field family of a ContainerAdjustment, in the order Go merges them. The order decides
 * which conflict is reported when a reply has several, so keep it aligned with result.go.
 */
final class AdjustmentTable {

  private AdjustmentTable() {
  }

  static final List<FieldMerger> MERGERS = List.of(
      MarkedMapMerger.ANNOTATIONS,
      MarkedListMerger.MOUNTS,
      MarkedListMerger.ENV,
      new ArgsMerger(),
      new HooksMerger(),
      linux(MarkedListMerger.DEVICES),
      linux(new ResourceMerger()),
      linux(SimpleMerger.CGROUPS_PATH),
      linux(SimpleMerger.OOM_SCORE_ADJ),
      linux(SimpleMerger.IO_PRIORITY),
      linux(SimpleMerger.SECCOMP_POLICY),
      linux(new NamespaceMerger()),
      linux(MarkedMapMerger.SYSCTL),
      linux(MarkedMapMerger.NET_DEVICES),
      linux(SimpleMerger.SCHEDULER),
      linux(new RdtMerger()),
      linux(SimpleMerger.MEMORY_POLICY),
      AppendMerger.RLIMITS,
      AppendMerger.CDI_DEVICES);
}
