package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A seeded source of the small random choices scenario generation is made of. Not thread-safe. */
final class Rand {
  private final Random random;

  Rand(long seed) {
    random = new Random(seed);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Uniform in [min, max]. */
  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  @SafeVarargs
  final <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  /** Between min and max distinct elements, in random order. */
  <T> List<T> some(List<T> options, int min, int max) {
    List<T> copy = new ArrayList<>(options);
    Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(copy.size(), between(min, max)));
  }

  /** An Optional* wrapper as proto3 JSON: {"value": v}. */
  static JsonObject value(Object v) {
    return new JsonObject().put("value", v);
  }

  /** A JSON array of strings. */
  static JsonArray strings(List<String> items) {
    return new JsonArray(new ArrayList<>(items));
  }
}
