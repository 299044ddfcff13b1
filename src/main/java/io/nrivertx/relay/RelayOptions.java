package io.nrivertx.relay;

import io.nrivertx.service.PluginNames;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Relay}'s upstream side: which runtime socket it connects to, as which
 * plugin, how much of the runtime's request timeout it may spend, and how it reconnects. The
 * downstream side is an ordinary nri-vertx runtime configured by {@link io.nrivertx.NriOptions}.
 * Copyable and convertible to/from JSON like Vert.x options; docs/relay.md explains each.
 */
public final class RelayOptions {
  public static final String DEFAULT_UPSTREAM = "/var/run/nri/nri.sock";
  public static final String DEFAULT_PLUGIN_NAME = "nri-vertx";
  public static final String DEFAULT_PLUGIN_INDEX = "50";

  private String upstreamSocket = DEFAULT_UPSTREAM;
  private String pluginName = DEFAULT_PLUGIN_NAME;
  private String pluginIndex = DEFAULT_PLUGIN_INDEX;
  private Duration upstreamRequestTimeout = Duration.ofSeconds(2);
  private Duration deadlineMargin = Duration.ofMillis(250);
  private Duration reconnectDelay = Duration.ofMillis(500);
  private Duration reconnectMaxDelay = Duration.ofSeconds(10);
  private boolean validateUpstream;

  public RelayOptions() {
  }

  public RelayOptions(RelayOptions other) {
    this(other.toJson());
  }

  public RelayOptions(JsonObject json) {
    upstreamSocket = json.getString("upstreamSocket", upstreamSocket);
    pluginName = json.getString("pluginName", pluginName);
    pluginIndex = json.getString("pluginIndex", pluginIndex);
    upstreamRequestTimeout = Duration.ofMillis(json.getLong("upstreamRequestTimeoutMs", upstreamRequestTimeout.toMillis()));
    deadlineMargin = Duration.ofMillis(json.getLong("deadlineMarginMs", deadlineMargin.toMillis()));
    reconnectDelay = Duration.ofMillis(json.getLong("reconnectDelayMs", reconnectDelay.toMillis()));
    reconnectMaxDelay = Duration.ofMillis(json.getLong("reconnectMaxDelayMs", reconnectMaxDelay.toMillis()));
    validateUpstream = json.getBoolean("validateUpstream", validateUpstream);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("upstreamSocket", upstreamSocket)
        .put("pluginName", pluginName)
        .put("pluginIndex", pluginIndex)
        .put("upstreamRequestTimeoutMs", upstreamRequestTimeout.toMillis())
        .put("deadlineMarginMs", deadlineMargin.toMillis())
        .put("reconnectDelayMs", reconnectDelay.toMillis())
        .put("reconnectMaxDelayMs", reconnectMaxDelay.toMillis())
        .put("validateUpstream", validateUpstream);
  }

  /** The runtime's NRI socket, where the relay connects as one plugin. */
  public String getUpstreamSocket() {
    return upstreamSocket;
  }

  public RelayOptions setUpstreamSocket(String upstreamSocket) {
    this.upstreamSocket = Objects.requireNonNull(upstreamSocket, "upstreamSocket");
    return this;
  }

  /** The name the relay registers under upstream. */
  public String getPluginName() {
    return pluginName;
  }

  public RelayOptions setPluginName(String pluginName) {
    String problem = PluginNames.checkName(pluginName);
    if (problem != null) {
      throw new IllegalArgumentException("relay " + problem + " (use letters, digits and _ . + - only)");
    }
    this.pluginName = pluginName;
    return this;
  }

  /** The two-digit index the relay registers under upstream: its place among the runtime's plugins. */
  public String getPluginIndex() {
    return pluginIndex;
  }

  public RelayOptions setPluginIndex(String pluginIndex) {
    String problem = PluginNames.checkIndex(pluginIndex);
    if (problem != null) {
      throw new IllegalArgumentException("relay " + problem);
    }
    this.pluginIndex = pluginIndex;
    return this;
  }

  /**
   * The runtime's deadline for each call to a plugin (containerd's plugin_request_timeout), used
   * when the runtime does not announce it in Configure (NRI before v0.7).
   */
  public Duration getUpstreamRequestTimeout() {
    return upstreamRequestTimeout;
  }

  public RelayOptions setUpstreamRequestTimeout(Duration timeout) {
    this.upstreamRequestTimeout = positive(timeout, "upstreamRequestTimeout");
    return this;
  }

  /** How long before the runtime's deadline the relay answers, whatever its plugins still do. */
  public Duration getDeadlineMargin() {
    return deadlineMargin;
  }

  public RelayOptions setDeadlineMargin(Duration margin) {
    if (margin == null || margin.isNegative()) {
      throw new IllegalArgumentException("deadlineMargin must not be negative, got " + margin);
    }
    this.deadlineMargin = margin;
    return this;
  }

  /** First delay before reconnecting to the runtime; it doubles up to {@link #getReconnectMaxDelay()}. */
  public Duration getReconnectDelay() {
    return reconnectDelay;
  }

  public RelayOptions setReconnectDelay(Duration delay) {
    this.reconnectDelay = positive(delay, "reconnectDelay");
    return this;
  }

  public Duration getReconnectMaxDelay() {
    return reconnectMaxDelay;
  }

  public RelayOptions setReconnectMaxDelay(Duration delay) {
    this.reconnectMaxDelay = positive(delay, "reconnectMaxDelay");
    return this;
  }

  /**
   * Whether the relay also subscribes to ValidateContainerAdjustment upstream (runtimes with NRI
   * v0.10+), passing the runtime's final verdict request on to its own validators.
   */
  public boolean isValidateUpstream() {
    return validateUpstream;
  }

  public RelayOptions setValidateUpstream(boolean validateUpstream) {
    this.validateUpstream = validateUpstream;
    return this;
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }
}
