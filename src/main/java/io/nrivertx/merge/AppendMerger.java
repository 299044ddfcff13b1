package io.nrivertx.merge;

import io.nrivertx.api.CDIDevice;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.POSIXRlimit;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Add-only list families: each entry claims its key and is appended; there is no removal.
 * CDI devices are forwarded unresolved and, as in Go, never shown to later plugins.
 */
record AppendMerger<E>(Field field,
                       Function<ContainerAdjustment, List<E>> source,
                       Function<E, String> key,
                       BiConsumer<Container.Builder, E> containerAdd,
                       BiConsumer<ContainerAdjustment.Builder, E> replyAdd) implements FieldMerger {

  static final AppendMerger<POSIXRlimit> RLIMITS = new AppendMerger<>(Field.Rlimits,
      ContainerAdjustment::getRlimitsList, POSIXRlimit::getType,
      Container.Builder::addRlimits, ContainerAdjustment.Builder::addRlimits);

  static final AppendMerger<CDIDevice> CDI_DEVICES = new AppendMerger<>(Field.CdiDevices,
      ContainerAdjustment::getCDIDevicesList, CDIDevice::getName,
      (c, d) -> { }, ContainerAdjustment.Builder::addCDIDevices);

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    for (E e : source.apply(adjust)) {
      ctx.claim(field, key.apply(e), plugin);
      containerAdd.accept(ctx.container(), e);
      replyAdd.accept(ctx.reply(), e);
    }
  }
}
