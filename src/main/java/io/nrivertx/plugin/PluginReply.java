package io.nrivertx.plugin;

/**
 * What one plugin did with one call, before the runtime applies any failure policy.
 *
 * <ul>
 *   <li>OK: it answered; {@code response} is the reply (never null).</li>
 *   <li>SKIPPED: not sent, the plugin is not subscribed to the event.</li>
 *   <li>ERROR: it answered with an error status ({@code code}), or with a reply that cannot be read.</li>
 *   <li>TIMEOUT: no answer within the call's timeout.</li>
 *   <li>CLOSED: the connection (or instance) broke, or was already broken.</li>
 * </ul>
 *
 * @param error for ERROR, TIMEOUT and CLOSED: the text results carry, in the Go runtime's words
 *     ("context deadline exceeded", "ttrpc: closed", "rpc error: code = ... desc = ...")
 * @param detail what logs and close reasons say: more precise than {@code error} where the
 *     transport knows more (which stream, after how long); equal to it otherwise
 */
public record PluginReply<R>(String plugin, Outcome outcome, R response, long latencyNanos, int code, String error,
                             String detail) {
  public enum Outcome { OK, SKIPPED, CLOSED, TIMEOUT, ERROR }

  /** gRPC codes of the transport outcomes. */
  public static final int DEADLINE_EXCEEDED = 4;
  public static final int UNAVAILABLE = 14;

  public static <R> PluginReply<R> ok(String plugin, R response, long latencyNanos) {
    return new PluginReply<>(plugin, Outcome.OK, response, latencyNanos, 0, null, null);
  }

  public static <R> PluginReply<R> skipped(String plugin) {
    return new PluginReply<>(plugin, Outcome.SKIPPED, null, 0, 0, null, null);
  }

  public static <R> PluginReply<R> error(String plugin, int code, String error, long latencyNanos) {
    return new PluginReply<>(plugin, Outcome.ERROR, null, latencyNanos, code, error, error);
  }

  public static <R> PluginReply<R> timeout(String plugin, String detail, long latencyNanos) {
    return new PluginReply<>(plugin, Outcome.TIMEOUT, null, latencyNanos, DEADLINE_EXCEEDED,
        "context deadline exceeded", detail);
  }

  public static <R> PluginReply<R> closed(String plugin, String error, String detail, long latencyNanos) {
    return new PluginReply<>(plugin, Outcome.CLOSED, null, latencyNanos, UNAVAILABLE, error, detail);
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  /** The same call with another outcome and text, as the runtime's failure policy decided it. */
  public PluginReply<R> decided(Outcome outcome, String error) {
    return new PluginReply<>(plugin, outcome, null, latencyNanos, code, error, detail);
  }
}
