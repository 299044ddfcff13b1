package io.nrivertx.ops;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * OpenTelemetry tracing, off by default. Spans go to an OTLP/HTTP collector (protobuf over
 * HTTP, the collector's port 4318). YAML section {@code tracing:} (docs/configuration.md).
 */
public final class TracingOptions {
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:4318/v1/traces";
  public static final String DEFAULT_SERVICE_NAME = "nri-vertx";

  private boolean enabled;
  private String endpoint = DEFAULT_ENDPOINT;
  private String serviceName = DEFAULT_SERVICE_NAME;
  private double sampleRatio = 1.0;

  public TracingOptions() {
  }

  public TracingOptions(TracingOptions other) {
    enabled = other.enabled;
    endpoint = other.endpoint;
    serviceName = other.serviceName;
    sampleRatio = other.sampleRatio;
  }

  public TracingOptions(JsonObject json) {
    enabled = json.getBoolean("enabled", false);
    endpoint = json.getString("endpoint", DEFAULT_ENDPOINT);
    serviceName = json.getString("serviceName", DEFAULT_SERVICE_NAME);
    sampleRatio = json.getDouble("sampleRatio", 1.0);
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("endpoint", endpoint).put("serviceName", serviceName)
        .put("sampleRatio", sampleRatio);
  }

  public boolean isEnabled() {
    return enabled;
  }

  public TracingOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  /** The OTLP/HTTP traces URL, e.g. {@code http://collector:4318/v1/traces}. */
  public String getEndpoint() {
    return endpoint;
  }

  public TracingOptions setEndpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  public String getServiceName() {
    return serviceName;
  }

  public TracingOptions setServiceName(String serviceName) {
    this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    return this;
  }

  /** The share of root traces kept (0 to 1); a trace continued from a caller keeps its caller's decision. */
  public double getSampleRatio() {
    return sampleRatio;
  }

  public TracingOptions setSampleRatio(double sampleRatio) {
    if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
      throw new IllegalArgumentException("sampleRatio must be between 0 and 1, got " + sampleRatio);
    }
    this.sampleRatio = sampleRatio;
    return this;
  }
}
