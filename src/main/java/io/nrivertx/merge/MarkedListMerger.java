package io.nrivertx.merge;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.Mount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * List-valued families keyed by one attribute whose removals carry a "-" marked key: mounts
 * (destination), env (name) and devices (path). A removal strips the key from earlier plugins'
 * collected entries (clearing their ownership) and from the container. Only mounts forward a
 * removal that the same reply does not re-add; Go drops such env and device removals.
 *
 * @param <E> the adjustment's element type
 * @param <C> the container's element type (env is "K=V" strings there)
 */
record MarkedListMerger<E, C>(Field field,
                              Function<ContainerAdjustment, List<E>> source,
                              Function<E, String> key,
                              Function<ContainerAdjustment.Builder, List<E>> replyList,
                              BiConsumer<ContainerAdjustment.Builder, List<E>> replySet,
                              Function<Container.Builder, List<C>> containerList,
                              BiConsumer<Container.Builder, List<C>> containerSet,
                              Function<C, String> containerKey,
                              Function<E, C> toContainer,
                              boolean forwardRemovals) implements FieldMerger {

  static final MarkedListMerger<Mount, Mount> MOUNTS = new MarkedListMerger<>(Field.Mounts,
      ContainerAdjustment::getMountsList, Mount::getDestination,
      ContainerAdjustment.Builder::getMountsList, (r, l) -> r.clearMounts().addAllMounts(l),
      Container.Builder::getMountsList, (c, l) -> c.clearMounts().addAllMounts(l),
      Mount::getDestination, Function.identity(), true);

  static final MarkedListMerger<KeyValue, String> ENV = new MarkedListMerger<>(Field.Env,
      ContainerAdjustment::getEnvList, KeyValue::getKey,
      ContainerAdjustment.Builder::getEnvList, (r, l) -> r.clearEnv().addAllEnv(l),
      Container.Builder::getEnvList, (c, l) -> c.clearEnv().addAllEnv(l),
      MarkedListMerger::envName, kv -> kv.getKey() + "=" + kv.getValue(), false);

  static final MarkedListMerger<LinuxDevice, LinuxDevice> DEVICES = new MarkedListMerger<>(Field.Devices,
      a -> a.getLinux().getDevicesList(), LinuxDevice::getPath,
      r -> r.getLinuxBuilder().getDevicesList(), (r, l) -> r.getLinuxBuilder().clearDevices().addAllDevices(l),
      c -> c.getLinuxBuilder().getDevicesList(), (c, l) -> c.getLinuxBuilder().clearDevices().addAllDevices(l),
      LinuxDevice::getPath, Function.identity(), false);

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    List<E> entries = source.apply(adjust);
    if (entries.isEmpty()) {
      return;
    }
    Map<String, E> removed = new LinkedHashMap<>();
    Set<String> modified = new HashSet<>();
    List<E> added = new ArrayList<>();
    for (E e : entries) {
      String k = key.apply(e);
      if (GoText.isRemoval(k)) {
        removed.put(GoText.unmarked(k), e);
      } else {
        added.add(e);
        modified.add(k);
      }
    }

    List<E> reply = new ArrayList<>();
    for (E e : replyList.apply(ctx.reply())) {
      if (removed.containsKey(key.apply(e))) {
        ctx.clear(field, key.apply(e), plugin);
      } else {
        reply.add(e);
      }
    }
    replySet.accept(ctx.reply(), reply);

    List<C> container = new ArrayList<>();
    for (C c : containerList.apply(ctx.container())) {
      String k = containerKey.apply(c);
      if (!removed.containsKey(k) && !modified.contains(k)) {
        container.add(c);
      }
    }
    containerSet.accept(ctx.container(), container);

    for (E e : added) {
      ctx.claim(field, key.apply(e), plugin);
      reply.add(e);
    }
    if (forwardRemovals) {
      removed.forEach((k, e) -> {
        if (!modified.contains(k)) {
          reply.add(e);
        }
      });
    }
    replySet.accept(ctx.reply(), reply);
    added.forEach(e -> container.add(toContainer.apply(e)));
    containerSet.accept(ctx.container(), container);
  }

  /** The variable name of a "K=V" entry, like Go's split at the first '='. */
  static String envName(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }
}
