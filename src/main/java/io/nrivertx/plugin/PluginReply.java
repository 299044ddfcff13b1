package io.nrivertx.plugin;

/**
 * What one plugin did with one call. {@code response} is null unless {@code outcome} is OK;
 * SKIPPED means the plugin is not subscribed, CLOSED that the call killed the connection and
 * TIMEOUT that it timed out but the plugin stays (NRI then carries on without it), ERROR that the plugin refused ({@code code} is the gRPC status).
 */
public record PluginReply<R>(String plugin, Outcome outcome, R response, long latencyNanos, int code, String error) {
  public enum Outcome { OK, SKIPPED, CLOSED, TIMEOUT, ERROR }

  public static <R> PluginReply<R> skipped(String plugin) {
    return new PluginReply<>(plugin, Outcome.SKIPPED, null, 0, 0, null);
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
