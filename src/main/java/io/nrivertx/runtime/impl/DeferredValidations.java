package io.nrivertx.runtime.impl;

import io.nrivertx.api.FieldOwners;
import io.nrivertx.api.OwningPlugins;
import io.nrivertx.api.PluginInstance;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the validators need of a CreateContainer whose validation a runtime in front of this one
 * does later (a relay, {@link io.nrivertx.RequestOptions#setDeferValidation}): which of this
 * runtime's plugins set which field, and which plugins had their turn. That runtime's own
 * ValidateContainerAdjustment names only itself as the owner of what this runtime's plugins set
 * and lists only its own plugins; {@link #complete} gives the validators here the real owners and
 * plugins, so that e.g. the default validator's requiredPlugins sees the plugins behind the relay.
 * Bounded: a creation whose validation never comes (the runtime gave up) is forgotten after
 * {@value #LIMIT} newer ones. Confined to the core's context.
 */
final class DeferredValidations {
  static final int LIMIT = 1024;

  private record Entry(FieldOwners owners, List<PluginInstance> plugins) {
  }

  private final LinkedHashMap<String, Entry> byContainer = new LinkedHashMap<>();

  void deferred(String containerId, OwningPlugins owners, List<PluginInstance> plugins) {
    byContainer.remove(containerId);
    byContainer.put(containerId, new Entry(owners.getOwnersOrDefault(containerId, FieldOwners.getDefaultInstance()),
        List.copyOf(plugins)));
    Iterator<String> oldest = byContainer.keySet().iterator();
    while (byContainer.size() > LIMIT) {
      oldest.next();
      oldest.remove();
    }
  }

  int size() {
    return byContainer.size();
  }

  /**
   * The request the validators here judge: the front runtime's, with this runtime's owners of the
   * container's fields in place of the front runtime's (a field or key set here is owned by the
   * plugin here that set it; the others stay as the front runtime says), and this runtime's plugins
   * after the front runtime's. Unchanged when no deferred creation of the container is known.
   */
  ValidateContainerAdjustmentRequest complete(ValidateContainerAdjustmentRequest front) {
    String id = front.getContainer().getId();
    Entry here = byContainer.remove(id);
    if (here == null) {
      return front;
    }
    FieldOwners theirs = front.getOwners().getOwnersOrDefault(id, FieldOwners.getDefaultInstance());
    FieldOwners.Builder owners = theirs.toBuilder().putAllSimple(here.owners().getSimpleMap());
    here.owners().getCompoundMap().forEach((field, keys) -> owners.putCompound(field,
        theirs.getCompoundOrDefault(field, keys).toBuilder().putAllOwners(keys.getOwnersMap()).build()));
    List<PluginInstance> plugins = new ArrayList<>(front.getPluginsList());
    here.plugins().stream().filter(p -> !plugins.contains(p)).forEach(plugins::add);
    return front.toBuilder()
        .setOwners(front.getOwners().toBuilder().putOwners(id, owners.build()))
        .clearPlugins().addAllPlugins(plugins)
        .build();
  }

}
