package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field comparison of two JSON values. Object keys are compared as sets (JSON objects
 * are unordered; protojson and JsonFormat print map entries in different orders), lists element
 * by element, numbers by value. Each difference is reported at the deepest path where it shows.
 */
final class JsonDiff {
  /** One difference: where, and each side's value (null when absent). */
  record Diff(String path, Object java, Object go) {
    @Override
    public String toString() {
      return describe("nri-vertx", "go");
    }

    String describe(String nameA, String nameB) {
      return (path.isEmpty() ? "(whole value)" : path) + ": " + nameA + " " + show(java) + " | " + nameB + " "
          + show(go);
    }
  }

  private static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "(absent)";
    }
  };

  private JsonDiff() {
  }

  static void diff(Object java, Object go, String path, List<Diff> out) {
    if (java instanceof JsonObject a && go instanceof JsonObject b) {
      TreeSet<String> keys = new TreeSet<>(a.fieldNames());
      keys.addAll(b.fieldNames());
      for (String k : keys) {
        diff(a.containsKey(k) ? a.getValue(k) : ABSENT, b.containsKey(k) ? b.getValue(k) : ABSENT,
            path.isEmpty() ? k : path + "." + k, out);
      }
    } else if (java instanceof JsonArray a && go instanceof JsonArray b && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(a.getValue(i), b.getValue(i), path + "[" + i + "]", out);
      }
    } else if (!same(java, go)) {
      out.add(new Diff(path, java, go));
    }
  }

  static boolean equal(Object a, Object b) {
    List<Diff> out = new java.util.ArrayList<>();
    diff(a, b, "", out);
    return out.isEmpty();
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  static String show(Object v) {
    String s = v == ABSENT ? "(absent)" : v == null ? "null"
        : v instanceof String str ? new JsonArray().add(str).encode().replaceAll("^\\[|]$", "")
        : v instanceof JsonObject || v instanceof JsonArray ? v.toString() : String.valueOf(v);
    return s.length() <= 600 ? s : s.substring(0, 600) + "...";
  }
}
