package io.nrivertx.scenario;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * "Is the expected JSON contained in the actual JSON?", the test behind a scenario's
 * {@code expect}. Objects match as subsets, recursively; arrays element by element with equal
 * length; numbers by value, also against the decimal strings proto3 JSON uses for 64-bit
 * integers. Canonical proto3 JSON leaves out fields at their default, so an expected default
 * (false, 0, "", [], {}, null) also matches an absent field.
 */
public final class JsonSubset {
  private static final int SHOWN = 200;

  private JsonSubset() {
  }

  /**
   * @param path the name of {@code actual} for the message, e.g. "adjust"
   * @return null when contained, else the first difference, e.g. {@code adjust.env[0].value: expected "1", got "2"}
   */
  public static String mismatch(Object expected, Object actual, String path) {
    if (expected instanceof JsonObject exp) {
      if (!(actual instanceof JsonObject act)) {
        return differ(path, expected, actual);
      }
      for (String key : exp.fieldNames()) {
        String at = path.isEmpty() ? key : path + "." + key;
        Object want = exp.getValue(key);
        if (!act.containsKey(key)) {
          if (!isDefault(want)) {
            return at + ": missing (expected " + show(want) + ")";
          }
          continue;
        }
        String m = mismatch(want, act.getValue(key), at);
        if (m != null) {
          return m;
        }
      }
      return null;
    }
    if (expected instanceof JsonArray exp) {
      if (!(actual instanceof JsonArray act)) {
        return differ(path, expected, actual);
      }
      if (exp.size() != act.size()) {
        return path + ": expected " + exp.size() + " element(s), got " + act.size() + ": " + show(act);
      }
      for (int i = 0; i < exp.size(); i++) {
        String m = mismatch(exp.getValue(i), act.getValue(i), path + "[" + i + "]");
        if (m != null) {
          return m;
        }
      }
      return null;
    }
    return sameScalar(expected, actual) ? null : differ(path, expected, actual);
  }

  private static boolean sameScalar(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    BigDecimal e = number(expected);
    BigDecimal a = number(actual);
    if ((expected instanceof Number || actual instanceof Number) && e != null && a != null) {
      return e.compareTo(a) == 0;
    }
    return expected.equals(actual);
  }

  private static BigDecimal number(Object v) {
    try {
      return v instanceof Number || v instanceof String ? new BigDecimal(v.toString()) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isDefault(Object v) {
    return v == null || Boolean.FALSE.equals(v) || "".equals(v)
        || v instanceof Number n && new BigDecimal(n.toString()).signum() == 0
        || v instanceof JsonArray a && a.isEmpty() || v instanceof JsonObject o && o.isEmpty();
  }

  private static String differ(String path, Object expected, Object actual) {
    return (path.isEmpty() ? "" : path + ": ") + "expected " + show(expected) + ", got " + show(actual);
  }

  private static String show(Object v) {
    String s = v == null ? "null" : Json.encode(v);
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
  }
}
