package io.nrivertx.ops;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The operations HTTP endpoint ({@code /metrics}, {@code /healthz}, {@code /readyz}) and the
 * prefix of nri-vertx's own metric names. YAML section {@code metrics:} (docs/configuration.md).
 */
public final class MetricsOptions {
  public static final String DEFAULT_ADDRESS = "127.0.0.1:9464";
  /** {@code nri_plugin_invocations_total}; {@code containerd_nri} gives containerd's exact names. */
  public static final String DEFAULT_PREFIX = "nri";

  private String address = DEFAULT_ADDRESS;
  private String prefix = DEFAULT_PREFIX;

  public MetricsOptions() {
  }

  public MetricsOptions(MetricsOptions other) {
    address = other.address;
    prefix = other.prefix;
  }

  public MetricsOptions(JsonObject json) {
    address = json.getString("address", DEFAULT_ADDRESS);
    prefix = json.getString("prefix", DEFAULT_PREFIX);
  }

  public JsonObject toJson() {
    return new JsonObject().put("address", address).put("prefix", prefix);
  }

  /** {@code host:port} of the HTTP endpoint; port 0 picks a free one; "" serves none. */
  public String getAddress() {
    return address;
  }

  public MetricsOptions setAddress(String address) {
    this.address = Objects.requireNonNull(address, "address");
    return this;
  }

  public boolean isEnabled() {
    return !address.isEmpty();
  }

  public String getPrefix() {
    return prefix;
  }

  public MetricsOptions setPrefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }
}
