package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;

/** Merges one field family of a plugin's ContainerAdjustment into the pending CreateContainer result. */
@FunctionalInterface
interface FieldMerger {

  void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust);

  /** Go only looks at the Linux part of an adjustment when the plugin sent one. */
  static FieldMerger linux(FieldMerger merger) {
    return (ctx, plugin, adjust) -> {
      if (adjust.hasLinux()) {
        merger.merge(ctx, plugin, adjust);
      }
    };
  }
}
