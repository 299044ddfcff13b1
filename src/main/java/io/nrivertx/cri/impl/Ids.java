package io.nrivertx.cri.impl;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/** Object ids as containerd makes them (64 hex digits) and lookup by a unique prefix, as crictl users type them. */
final class Ids {
  private final SecureRandom random = new SecureRandom();

  String next() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * @return the full id that {@code idOrPrefix} names in {@code objects}: an exact id, or the only
   *     id starting with it; null when none does
   * @throws io.vertx.grpc.server.StatusException INVALID_ARGUMENT when the prefix is ambiguous
   */
  static <V> String resolve(Map<String, V> objects, String idOrPrefix, String what) {
    if (objects.containsKey(idOrPrefix)) {
      return idOrPrefix;
    }
    String found = null;
    for (String id : objects.keySet()) {
      if (id.startsWith(idOrPrefix)) {
        if (found != null) {
          throw CriErrors.invalid(what + " id prefix \"" + idOrPrefix + "\" is ambiguous: give more of the id");
        }
        found = id;
      }
    }
    return found;
  }

  static <V> Map<String, V> index(Iterable<V> values, Function<V, String> id) {
    Map<String, V> m = new java.util.LinkedHashMap<>();
    values.forEach(v -> m.put(id.apply(v), v));
    return m;
  }
}
