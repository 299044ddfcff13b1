package io.nrivertx.config;

import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code plugins:} setting as configured: the per-plugin settings and, for every field set,
 * the source that set it ({@code config --print} shows each). Sources overlay field by field.
 *
 * @param sources by {@code "<plugin key>.<field>"}, the field as YAML spells it ({@link #FIELDS})
 */
public record PluginEntries(PluginPolicies policies, Map<String, String> sources) {
  /** The fields of one entry, as {@code config --print} writes them. */
  public static final List<String> FIELDS = List.of("requestTimeout", "registrationTimeout",
      "failurePolicy.failRequest", "failurePolicy.keepConnected", "required", "duplicatePolicy");

  public static final PluginEntries NONE = new PluginEntries(PluginPolicies.NONE, Map.of());

  public PluginEntries {
    sources = Map.copyOf(sources);
  }

  /** Every field of {@code policies} from one source (the built-in defaults, or an embedder's options). */
  static PluginEntries of(PluginPolicies policies, String source) {
    Map<String, String> sources = new TreeMap<>();
    policies.asMap().forEach((key, p) -> FIELDS.forEach(f -> {
      if (field(p, f) != null) {
        sources.put(key + "." + f, source);
      }
    }));
    return new PluginEntries(policies, sources);
  }

  /** Where {@code field} of entry {@code key} was set; null when it is not. */
  public String source(String key, String field) {
    return sources.get(key + "." + field);
  }

  /** This configuration with {@code higher}'s fields over it. */
  PluginEntries with(PluginEntries higher) {
    Map<String, String> merged = new TreeMap<>(sources);
    merged.putAll(higher.sources);
    return new PluginEntries(policies.with(higher.policies), merged);
  }

  /** Fields without a source (read from text that did not know where it came from) get {@code source}. */
  PluginEntries sourcedFrom(String source) {
    return of(policies, source).with(this);
  }

  /**
   * Drop-in files under this configuration: a drop-in field counts only where the configuration
   * sets that field neither for the same key nor for the key's plugin name, so an operator's
   * entry wins over a package's file whichever form ("NN-name" or "name") either uses.
   */
  PluginEntries under(PluginEntries dropIns) {
    Map<String, PluginPolicy> kept = new TreeMap<>();
    Map<String, String> keptSources = new TreeMap<>();
    dropIns.policies.asMap().forEach((key, p) -> {
      PluginPolicy q = p;
      for (String f : FIELDS) {
        boolean operator = source(key, f) != null || source(PluginPolicies.baseName(key), f) != null;
        if (field(q, f) != null && operator) {
          q = cleared(q, f);
        } else if (field(q, f) != null) {
          keptSources.put(key + "." + f, dropIns.source(key, f));
        }
      }
      if (!q.isEmpty()) {
        kept.put(key, q);
      }
    });
    return new PluginEntries(PluginPolicies.of(kept), keptSources).with(this);
  }

  /** The value of one field of {@link #FIELDS}, null when unset. */
  public static Object field(PluginPolicy p, String field) {
    return switch (field) {
      case "requestTimeout" -> p.requestTimeout();
      case "registrationTimeout" -> p.registrationTimeout();
      case "failurePolicy.failRequest" -> p.failRequest();
      case "failurePolicy.keepConnected" -> p.keepConnected();
      case "required" -> p.required();
      case "duplicatePolicy" -> p.duplicatePolicy();
      default -> throw new IllegalArgumentException("no plugin field " + field);
    };
  }

  private static PluginPolicy cleared(PluginPolicy p, String field) {
    return switch (field) {
      case "requestTimeout" -> p.withRequestTimeout(null);
      case "registrationTimeout" -> p.withRegistrationTimeout(null);
      case "failurePolicy.failRequest" -> p.withFailRequest(null);
      case "failurePolicy.keepConnected" -> p.withKeepConnected(null);
      case "required" -> p.withRequired(null);
      case "duplicatePolicy" -> p.withDuplicatePolicy(null);
      default -> throw new IllegalArgumentException("no plugin field " + field);
    };
  }
}
