package io.nrivertx.merge;

import io.nrivertx.api.CompoundFieldOwners;
import io.nrivertx.api.Field;
import io.nrivertx.api.FieldOwners;
import io.nrivertx.api.OwningPlugins;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which plugin set which field of which container during one event (Go: OwningPlugins).
 * An owner is "NN-name"; a clear records "-NN-name", which lets the clearer (and only it) set the
 * field again; hooks accumulate "A,B" and never conflict.
 */
final class Ownership {

  private final Map<String, Owners> byContainer = new LinkedHashMap<>();

  private static final class Owners {
    final Map<Field, String> simple = new EnumMap<>(Field.class);
    final Map<Field, Map<String, String>> compound = new EnumMap<>(Field.class);
  }

  private Owners of(String id) {
    return byContainer.computeIfAbsent(id, k -> new Owners());
  }

  /** Claims a simple field; a second claim conflicts even when it comes from the same plugin. */
  void claim(String id, Field field, String plugin) {
    Owners owners = of(id);
    check(field, null, plugin, owners.simple.get(field));
    owners.simple.put(field, plugin);
  }

  /** Claims one key of a compound field. */
  void claim(String id, Field field, String key, String plugin) {
    Map<String, String> keys = of(id).compound.computeIfAbsent(field, f -> new LinkedHashMap<>());
    check(field, key, plugin, keys.get(key));
    keys.put(key, plugin);
  }

  void clear(String id, Field field, String plugin) {
    of(id).simple.put(field, GoText.markRemoval(plugin));
  }

  void clear(String id, Field field, String key, String plugin) {
    of(id).compound.computeIfAbsent(field, f -> new LinkedHashMap<>()).put(key, GoText.markRemoval(plugin));
  }

  /** Records another owner of a field that tolerates many (OCI hooks): "A" becomes "A,B". */
  void accumulate(String id, Field field, String plugin) {
    of(id).simple.merge(field, plugin, (old, added) -> old + "," + added);
  }

  private static void check(Field field, String key, String plugin, String current) {
    if (current == null) {
      return;
    }
    String other = current;
    if (GoText.isRemoval(current)) {
      other = GoText.unmarked(current);
      if (other.equals(plugin)) {
        return; // the plugin that cleared the field may set it again
      }
    }
    throw new MergeConflictException(field, key, plugin, other);
  }

  OwningPlugins toProto() {
    OwningPlugins.Builder out = OwningPlugins.newBuilder();
    byContainer.forEach((id, owners) -> {
      FieldOwners.Builder fo = FieldOwners.newBuilder();
      owners.simple.forEach((f, p) -> fo.putSimple(f.getNumber(), p));
      owners.compound.forEach((f, keys) ->
          fo.putCompound(f.getNumber(), CompoundFieldOwners.newBuilder().putAllOwners(keys).build()));
      out.putOwners(id, fo.build());
    });
    return out.build();
  }
}
