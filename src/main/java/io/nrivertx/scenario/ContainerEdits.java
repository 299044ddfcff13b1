package io.nrivertx.scenario;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Hooks;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxRdt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a merged CreateContainer adjustment to the container the simulated runtime stores, as
 * containerd's spec generator applies it to the OCI spec: keyed entries are replaced in place or
 * appended, a "-key" entry removes the key, hooks and CDI devices are appended, args replace.
 * Only what the stored Container can hold is applied (memory policy, for one, has no place there).
 */
public final class ContainerEdits {
  private ContainerEdits() {
  }

  public static Container apply(Container container, ContainerAdjustment adjust) {
    Container.Builder c = container.toBuilder();
    editMap(adjust.getAnnotationsMap(), c::putAnnotations, c::removeAnnotations);
    List<String> env = upsert(c.getEnvList(), adjust.getEnvList(), ContainerEdits::envName,
        KeyValue::getKey, kv -> kv.getKey() + "=" + kv.getValue());
    c.clearEnv().addAllEnv(env);
    // Each list is computed before clearing: clearX() would empty the view getXList() returns.
    var mounts = upsert(c.getMountsList(), adjust.getMountsList(), m -> m.getDestination());
    c.clearMounts().addAllMounts(mounts);
    var rlimits = upsert(c.getRlimitsList(), adjust.getRlimitsList(), r -> r.getType());
    c.clearRlimits().addAllRlimits(rlimits);
    c.addAllCDIDevices(adjust.getCDIDevicesList());
    if (adjust.hasHooks()) {
      Hooks.Builder hooks = c.getHooksBuilder();
      // Hooks never conflict in NRI: every plugin's hooks run, so they are appended.
      adjust.getHooks().getAllFields().forEach((f, v) -> ((List<?>) v).forEach(h -> hooks.addRepeatedField(f, h)));
    }
    List<String> args = adjust.getArgsList();
    // A leading "" only tells the merger to override other plugins' args; it is not an argument.
    args = !args.isEmpty() && args.getFirst().isEmpty() ? args.subList(1, args.size()) : args;
    if (!args.isEmpty()) {
      c.clearArgs().addAllArgs(args);
    }
    if (adjust.hasLinux()) {
      linux(c.getLinuxBuilder(), adjust.getLinux());
    }
    return c.build();
  }

  private static void linux(LinuxContainer.Builder l, LinuxContainerAdjustment a) {
    var devices = upsert(l.getDevicesList(), a.getDevicesList(), d -> d.getPath());
    l.clearDevices().addAllDevices(devices);
    var namespaces = upsert(l.getNamespacesList(), a.getNamespacesList(), n -> n.getType());
    l.clearNamespaces().addAllNamespaces(namespaces);
    editMap(a.getSysctlMap(), l::putSysctl, l::removeSysctl);
    // As for the other maps, removals first: a merged map may hold both "-host" and "host", and
    // containerd applies such a map in Go's random order; here the device ends up set.
    a.getNetDevicesMap().keySet().stream().filter(k -> k.startsWith("-"))
        .forEach(k -> l.removeNetDevices(k.substring(1)));
    a.getNetDevicesMap().forEach((host, dev) -> {
      if (!host.startsWith("-")) {
        l.putNetDevices(host, dev);
      }
    });
    if (a.hasResources()) {
      l.setResources(ResourceEdits.overlay(l.getResources(), a.getResources()));
    }
    if (!a.getCgroupsPath().isEmpty()) {
      l.setCgroupsPath(a.getCgroupsPath());
    }
    if (a.hasOomScoreAdj()) {
      l.setOomScoreAdj(a.getOomScoreAdj());
    }
    if (a.hasIoPriority()) {
      l.setIoPriority(a.getIoPriority());
    }
    if (a.hasSeccompPolicy()) {
      l.setSeccompPolicy(a.getSeccompPolicy());
    }
    if (a.hasScheduler()) {
      l.setScheduler(a.getScheduler());
    }
    // NRI's merger leaves an empty rdt in every adjustment that touches linux: only a real one counts.
    if (a.hasRdt() && !a.getRdt().equals(LinuxRdt.getDefaultInstance())) {
      l.setRdt(a.getRdt());
    }
  }

  private static String envName(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }

  private static void editMap(Map<String, String> changes, BiConsumer<String, String> put, Consumer<String> remove) {
    // Removals first, so a plugin's "-k" together with "k" (its way to override) ends with k set.
    changes.keySet().stream().filter(k -> k.startsWith("-")).forEach(k -> remove.accept(k.substring(1)));
    changes.forEach((k, v) -> {
      if (!k.startsWith("-")) {
        put.accept(k, v);
      }
    });
  }

  private static <T> List<T> upsert(List<T> current, List<T> changes, Function<T, String> key) {
    return upsert(current, changes, key, key, Function.identity());
  }

  /** Entries keyed "-k" remove k; others replace the entry with the same key in place, or are appended. */
  private static <T, C> List<T> upsert(List<T> current, List<C> changes, Function<T, String> key,
                                       Function<C, String> changeKey, Function<C, T> toEntry) {
    List<T> out = new ArrayList<>(current);
    for (C change : changes) {
      String k = changeKey.apply(change);
      if (k.startsWith("-")) {
        out.removeIf(e -> key.apply(e).equals(k.substring(1)));
        continue;
      }
      T entry = toEntry.apply(change);
      int at = -1;
      for (int i = 0; i < out.size() && at < 0; i++) {
        at = key.apply(out.get(i)).equals(k) ? i : -1;
      }
      if (at >= 0) {
        out.set(at, entry);
      } else {
        out.add(entry);
      }
    }
    return out;
  }
}
