package io.nrivertx.merge;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;

/**
 * What a {@link FieldMerger} works on while one CreateContainer reply is merged: the container as
 * plugins see it (changed in place, like Go's request object), the merged reply, and ownership.
 */
record AdjustContext(String id, Container.Builder container, ContainerAdjustment.Builder reply,
                     Ownership owners) {

  void claim(Field field, String plugin) {
    owners.claim(id, field, plugin);
  }

  void claim(Field field, String key, String plugin) {
    owners.claim(id, field, key, plugin);
  }

  void clear(Field field, String plugin) {
    owners.clear(id, field, plugin);
  }

  void clear(Field field, String key, String plugin) {
    owners.clear(id, field, key, plugin);
  }
}
