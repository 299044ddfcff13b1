package io.nrivertx.scenario;

import com.google.protobuf.Message;
import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.LinuxResources;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a resource change (an adjustment's or an update's LinuxResources) to a container's
 * resources the way CRI's UpdateContainerResources does: every field the change sets replaces
 * the current value, fields it leaves unset stay. Unlike protobuf's mergeFrom, an Optional
 * wrapper holding 0 or false still replaces, because being set is what matters in NRI.
 */
public final class ResourceEdits {
  private ResourceEdits() {
  }

  public static LinuxResources overlay(LinuxResources base, LinuxResources change) {
    LinuxResources.Builder out = base.toBuilder();
    if (change.hasMemory()) {
      out.setMemory(setFields(out.getMemory(), change.getMemory()));
    }
    if (change.hasCpu()) {
      out.setCpu(setFields(out.getCpu(), change.getCpu()));
    }
    if (change.getHugepageLimitsCount() > 0) {
      List<HugepageLimit> limits = new ArrayList<>(out.getHugepageLimitsList());
      for (HugepageLimit h : change.getHugepageLimitsList()) {
        limits.removeIf(old -> old.getPageSize().equals(h.getPageSize()));
        limits.add(h);
      }
      out.clearHugepageLimits().addAllHugepageLimits(limits);
    }
    if (change.hasBlockioClass()) {
      out.setBlockioClass(change.getBlockioClass());
    }
    if (change.hasRdtClass()) {
      out.setRdtClass(change.getRdtClass());
    }
    if (change.hasPids()) {
      out.setPids(change.getPids());
    }
    out.putAllUnified(change.getUnifiedMap());
    out.addAllDevices(change.getDevicesList());
    return out.build();
  }

  /** Copies every field set in {@code src} (whole Optional wrappers, non-default scalars) over {@code dst}. */
  @SuppressWarnings("unchecked")
  static <M extends Message> M setFields(M dst, M src) {
    Message.Builder b = dst.toBuilder();
    src.getAllFields().forEach(b::setField);
    return (M) b.build();
  }
}
