package io.nrivertx.cri.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Predicate;

/** Small helpers for editing an OCI spec held as a Vert.x JSON tree. */
public final class SpecJson {
  private SpecJson() {
  }

  /** A spec as the journal keeps it (JSON in UTF-8) as a tree to read or edit; empty when absent. */
  public static JsonObject parse(com.google.protobuf.ByteString json) {
    return json.isEmpty() ? new JsonObject() : new JsonObject(io.vertx.core.buffer.Buffer.buffer(json.toByteArray()));
  }

  /** A spec as the journal keeps it. */
  public static com.google.protobuf.ByteString bytes(JsonObject spec) {
    return com.google.protobuf.UnsafeByteOperations.unsafeWrap(spec.toBuffer().getBytes());
  }

  /** The object under {@code key}, created empty when absent. */
  static JsonObject object(JsonObject parent, String key) {
    JsonObject o = parent.getJsonObject(key);
    if (o == null) {
      o = new JsonObject();
      parent.put(key, o);
    }
    return o;
  }

  /** The array under {@code key}, created empty when absent. */
  static JsonArray array(JsonObject parent, String key) {
    JsonArray a = parent.getJsonArray(key);
    if (a == null) {
      a = new JsonArray();
      parent.put(key, a);
    }
    return a;
  }

  /** Removes every element matching {@code match}; drops the key when the array becomes empty. */
  static void removeIf(JsonObject parent, String key, Predicate<Object> match) {
    JsonArray a = parent.getJsonArray(key);
    if (a == null) {
      return;
    }
    list(a).removeIf(match);
    if (a.isEmpty()) {
      parent.remove(key);
    }
  }

  /** The array's backing list (decoded JSON keeps plain maps and lists in it). */
  @SuppressWarnings("unchecked")
  static java.util.List<Object> list(JsonArray a) {
    return (java.util.List<Object>) a.getList();
  }

  /** Whether a JSON array element is an object whose {@code field} equals {@code value}. */
  static Predicate<Object> field(String field, String value) {
    return o -> o instanceof JsonObject j && value.equals(j.getString(field))
        || o instanceof java.util.Map<?, ?> m && value.equals(m.get(field));
  }

  /** An array element as an object: decoded JSON keeps plain maps inside arrays. */
  @SuppressWarnings("unchecked")
  static JsonObject asObject(Object o) {
    return o instanceof JsonObject j ? j : new JsonObject((java.util.Map<String, Object>) o);
  }

  /** NRI's removal marker: a key written with a leading '-'. */
  static boolean marked(String key) {
    return key.startsWith("-");
  }

  static String unmarked(String key) {
    return key.substring(1);
  }
}
