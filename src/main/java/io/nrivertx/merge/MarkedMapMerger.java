package io.nrivertx.merge;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxNetDevice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Map-valued families whose removals are "-key" map keys: annotations, sysctl, net devices.
 * A removal only clears ownership (and the container's entry) when the same reply also sets the
 * key; otherwise it is just forwarded to the runtime as "-key".
 */
record MarkedMapMerger<V>(Field field,
                          Function<ContainerAdjustment, Map<String, V>> source,
                          Put<Container.Builder, V> containerPut,
                          Remove<Container.Builder> containerRemove,
                          Put<ContainerAdjustment.Builder, V> replyPut,
                          V removedValue) implements FieldMerger {

  interface Put<B, V> {
    void put(B builder, String key, V value);
  }

  interface Remove<B> {
    void remove(B builder, String key);
  }

  static final MarkedMapMerger<String> ANNOTATIONS = new MarkedMapMerger<>(Field.Annotations,
      ContainerAdjustment::getAnnotationsMap,
      Container.Builder::putAnnotations,
      Container.Builder::removeAnnotations,
      ContainerAdjustment.Builder::putAnnotations,
      "");

  static final MarkedMapMerger<String> SYSCTL = new MarkedMapMerger<>(Field.Sysctl,
      a -> a.getLinux().getSysctlMap(),
      (c, k, v) -> c.getLinuxBuilder().putSysctl(k, v),
      (c, k) -> c.getLinuxBuilder().removeSysctl(k),
      (r, k, v) -> r.getLinuxBuilder().putSysctl(k, v),
      "");

  // Go forwards a nil device for a removal; a protobuf map cannot hold null, and an empty
  // message is what a Go peer decodes from the wire for it anyway.
  static final MarkedMapMerger<LinuxNetDevice> NET_DEVICES = new MarkedMapMerger<>(Field.LinuxNetDevices,
      a -> a.getLinux().getNetDevicesMap(),
      (c, k, v) -> c.getLinuxBuilder().putNetDevices(k, v),
      (c, k) -> c.getLinuxBuilder().removeNetDevices(k),
      (r, k, v) -> r.getLinuxBuilder().putNetDevices(k, v),
      LinuxNetDevice.getDefaultInstance());

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    Map<String, V> entries = source.apply(adjust);
    if (entries.isEmpty()) {
      return;
    }
    Set<String> removed = new LinkedHashSet<>();
    List<Map.Entry<String, V>> set = new ArrayList<>();
    entries.forEach((k, v) -> {
      if (GoText.isRemoval(k)) {
        removed.add(GoText.unmarked(k));
      } else {
        set.add(Map.entry(k, v));
      }
    });
    for (Map.Entry<String, V> e : set) {
      String key = e.getKey();
      if (removed.remove(key)) { // remove-and-set: the plugin takes the key over
        ctx.clear(field, key, plugin);
        containerRemove.remove(ctx.container(), key);
        replyPut.put(ctx.reply(), GoText.markRemoval(key), removedValue);
      }
      ctx.claim(field, key, plugin);
      containerPut.put(ctx.container(), key, e.getValue());
      replyPut.put(ctx.reply(), key, e.getValue());
    }
    for (String key : removed) {
      replyPut.put(ctx.reply(), GoText.markRemoval(key), removedValue);
    }
  }
}
