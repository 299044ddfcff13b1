package io.nrivertx.stub.samples;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads annotation values the way NRI's Go samples do (sigs.k8s.io/yaml: YAML turned into JSON,
 * then decoded into a Go struct), so the same pod specs work with the Java samples:
 * <ul>
 *   <li>field names match exactly, else ignoring case; unknown fields are ignored;</li>
 *   <li>a missing or null field is the zero value;</li>
 *   <li>a string field takes any scalar ({@code options: [ro]}, {@code "256"} or {@code 256});</li>
 *   <li>an integer field takes only integers within the Go type's range.</li>
 * </ul>
 * Every error names the annotation key, so the pod's author knows what to fix.
 */
final class GoYaml {
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private final String key;

  /** @param key the annotation the value came from, for error messages */
  GoYaml(String key) {
    this.key = key;
  }

  /** Parses the document; YAML 1.1 as Go's yaml.v2 (so 0644 is octal). */
  Object load(String text) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw error("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** A YAML sequence (null = empty). */
  List<?> list(Object doc) {
    if (doc == null) {
      return List.of();
    }
    if (!(doc instanceof List<?> list)) {
      throw error("expected a list, got " + describe(doc));
    }
    return list;
  }

  /** A YAML mapping (null = empty). */
  Map<?, ?> object(Object doc) {
    if (doc == null) {
      return Map.of();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw error("expected a mapping, got " + describe(doc));
    }
    return map;
  }

  /** A mapping of strings to strings, in document order. */
  Map<String, String> stringMap(Object doc) {
    Map<String, String> out = new LinkedHashMap<>();
    object(doc).forEach((k, v) -> out.put(scalar(String.valueOf(k), k), scalar(String.valueOf(k), v)));
    return out;
  }

  Object field(Map<?, ?> object, String name) {
    if (object.containsKey(name)) {
      return object.get(name);
    }
    return object.entrySet().stream().filter(e -> name.equalsIgnoreCase(String.valueOf(e.getKey())))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  String string(Map<?, ?> object, String name) {
    return scalar(name, field(object, name));
  }

  List<String> strings(Map<?, ?> object, String name) {
    return list(field(object, name)).stream().map(v -> scalar(name, v)).toList();
  }

  /** An integer in [min, max]; max above Long.MAX_VALUE (uint64) comes back as its two's complement. */
  long integer(Map<?, ?> object, String name, BigInteger min, BigInteger max) {
    Object value = field(object, name);
    if (value == null) {
      return 0;
    }
    BigInteger n = switch (value) {
      case Integer i -> BigInteger.valueOf(i);
      case Long l -> BigInteger.valueOf(l);
      case BigInteger b -> b;
      default -> throw error("field \"" + name + "\" must be an integer, got " + describe(value));
    };
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      throw error("field \"" + name + "\" is out of range [" + min + ", " + max + "]: " + n);
    }
    return n.longValue();
  }

  long int64(Map<?, ?> object, String name) {
    return integer(object, name, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
  }

  long uint32(Map<?, ?> object, String name) {
    return integer(object, name, BigInteger.ZERO, BigInteger.valueOf(0xffff_ffffL));
  }

  long uint64(Map<?, ?> object, String name) {
    return integer(object, name, BigInteger.ZERO, UINT64_MAX);
  }

  IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("invalid annotation \"" + key + "\": " + problem);
  }

  private String scalar(String name, Object value) {
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      throw error("\"" + name + "\" must be a string, got " + describe(value));
    }
    return value == null ? "" : String.valueOf(value);
  }

  private static String describe(Object value) {
    return switch (value) {
      case List<?> l -> "a list";
      case Map<?, ?> m -> "a mapping";
      case String s -> "\"" + s + "\"";
      default -> String.valueOf(value);
    };
  }
}
