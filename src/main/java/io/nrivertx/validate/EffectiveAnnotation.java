package io.nrivertx.validate;

import io.nrivertx.api.PodSandbox;
import java.util.Map;
import java.util.Optional;

/**
 * NRI's per-container annotation lookup on a pod: {@code key/container.NAME}, then
 * {@code key/pod}, then {@code key}; the first present wins.
 */
public final class EffectiveAnnotation {
  private EffectiveAnnotation() {
  }

  public static Optional<String> lookup(PodSandbox pod, String key, String container) {
    Map<String, String> a = pod.getAnnotationsMap();
    for (String k : new String[] {key + "/container." + container, key + "/pod", key}) {
      if (a.containsKey(k)) {
        return Optional.of(a.get(k));
      }
    }
    return Optional.empty();
  }
}
