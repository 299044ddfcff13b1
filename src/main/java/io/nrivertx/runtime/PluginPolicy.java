package io.nrivertx.runtime;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The operator's settings for one plugin (docs/configuration.md, "Per-plugin settings"). Every
 * field is null when not set: an entry for "NN-name" then overrides one for "name" field by field,
 * and what neither sets falls back to the instance-wide value or to the plugin's own choice.
 *
 * @param requestTimeout how long one call to the plugin may take, instead of {@code pluginRequestTimeout}
 * @param registrationTimeout how long a launched plugin has to register, also sent in Configure
 * @param failRequest whether the plugin's timeout or lost connection fails the event; wins over
 *     the plugin's own FailurePolicy
 * @param keepConnected whether the plugin stays connected after a timeout; wins over the plugin's own
 * @param required true: RunPodSandbox and CreateContainer fail closed while the plugin is missing or failing
 * @param duplicatePolicy what a second connection with the plugin's id does, instead of {@code duplicatePolicy}
 */
public record PluginPolicy(Duration requestTimeout, Duration registrationTimeout, Boolean failRequest,
                           Boolean keepConnected, Boolean required, DuplicatePolicy duplicatePolicy) {
  /** Nothing set. */
  public static final PluginPolicy NONE = new PluginPolicy(null, null, null, null, null, null);

  public PluginPolicy {
    positive(requestTimeout, "requestTimeout");
    positive(registrationTimeout, "registrationTimeout");
  }

  /** This policy's fields, and {@code lower}'s where this one sets none. */
  public PluginPolicy over(PluginPolicy lower) {
    return new PluginPolicy(pick(requestTimeout, lower.requestTimeout), pick(registrationTimeout,
        lower.registrationTimeout), pick(failRequest, lower.failRequest), pick(keepConnected, lower.keepConnected),
        pick(required, lower.required), pick(duplicatePolicy, lower.duplicatePolicy));
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  public boolean isRequired() {
    return Boolean.TRUE.equals(required);
  }

  public PluginPolicy withRequestTimeout(Duration d) {
    return new PluginPolicy(d, registrationTimeout, failRequest, keepConnected, required, duplicatePolicy);
  }

  public PluginPolicy withRegistrationTimeout(Duration d) {
    return new PluginPolicy(requestTimeout, d, failRequest, keepConnected, required, duplicatePolicy);
  }

  public PluginPolicy withFailRequest(Boolean b) {
    return new PluginPolicy(requestTimeout, registrationTimeout, b, keepConnected, required, duplicatePolicy);
  }

  public PluginPolicy withKeepConnected(Boolean b) {
    return new PluginPolicy(requestTimeout, registrationTimeout, failRequest, b, required, duplicatePolicy);
  }

  public PluginPolicy withRequired(Boolean b) {
    return new PluginPolicy(requestTimeout, registrationTimeout, failRequest, keepConnected, b, duplicatePolicy);
  }

  public PluginPolicy withDuplicatePolicy(DuplicatePolicy p) {
    return new PluginPolicy(requestTimeout, registrationTimeout, failRequest, keepConnected, required, p);
  }

  /** The JSON form of {@link io.nrivertx.NriOptions}: only the fields set, durations in milliseconds. */
  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (requestTimeout != null) {
      j.put("requestTimeoutMs", requestTimeout.toMillis());
    }
    if (registrationTimeout != null) {
      j.put("registrationTimeoutMs", registrationTimeout.toMillis());
    }
    if (failRequest != null || keepConnected != null) {
      JsonObject fp = new JsonObject();
      if (failRequest != null) {
        fp.put("failRequest", failRequest);
      }
      if (keepConnected != null) {
        fp.put("keepConnected", keepConnected);
      }
      j.put("failurePolicy", fp);
    }
    if (required != null) {
      j.put("required", required);
    }
    if (duplicatePolicy != null) {
      j.put("duplicatePolicy", duplicatePolicy.text());
    }
    return j;
  }

  public static PluginPolicy fromJson(JsonObject j) {
    JsonObject fp = j.getJsonObject("failurePolicy", new JsonObject());
    Long request = j.getLong("requestTimeoutMs");
    Long registration = j.getLong("registrationTimeoutMs");
    String duplicates = j.getString("duplicatePolicy");
    return new PluginPolicy(request == null ? null : Duration.ofMillis(request),
        registration == null ? null : Duration.ofMillis(registration), fp.getBoolean("failRequest"),
        fp.getBoolean("keepConnected"), j.getBoolean("required"),
        duplicates == null ? null : DuplicatePolicy.parse(duplicates));
  }

  private static <T> T pick(T mine, T theirs) {
    return mine != null ? mine : theirs;
  }

  private static void positive(Duration d, String what) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
    }
  }
}
