package io.nrivertx.relay;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.relay.impl.RelayVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * nri-vertx beside a runtime that has its own NRI (containerd, CRI-O): one plugin upstream, a
 * whole nri-vertx runtime downstream. Every event the runtime sends goes through the downstream
 * runtime's plugins, with its merge, ownership and validation, and the merged reply is the
 * relay's reply upstream, always within the runtime's deadline. Plugins' own UpdateContainers go
 * upstream. The upstream connection is kept with reconnect and re-synchronization; downstream
 * plugins stay connected across runtime restarts (docs/relay.md).
 *
 * <p>Needs a Vert.x with native transport. Methods may be called from any thread.
 */
public interface Relay {
  /**
   * Deploys a relay: it connects upstream (retrying until the runtime answers) and, once the
   * runtime's first Synchronize filled the mirror of its pods and containers, deploys the
   * downstream runtime over it ({@code downstream}: its socket, pre-installed plugins and every
   * other runtime setting; its runtime name and version are the upstream runtime's).
   *
   * @param namespace the runtime namespace the mirror domain stands for, e.g. "k8s.io"
   */
  static Future<Relay> deploy(Vertx vertx, NriOptions downstream, RelayOptions options, String namespace) {
    return deploy(vertx, downstream, options, namespace, RelayObserver.NONE);
  }

  /** As {@link #deploy(Vertx, NriOptions, RelayOptions, String)}, reporting its upstream side to {@code observer}. */
  static Future<Relay> deploy(Vertx vertx, NriOptions downstream, RelayOptions options, String namespace,
                              RelayObserver observer) {
    return RelayVerticle.deploy(vertx, new NriOptions(downstream), new RelayOptions(options), namespace, observer);
  }

  RelayOptions options();

  /** Completes with the downstream runtime once it serves plugins (after the first upstream Synchronize). */
  Future<NriRuntime> downstream();

  /** Whether the relay is registered with the runtime right now. */
  boolean isUpstreamConnected();

  /** Where the relay stands with the runtime now, and since when. */
  UpstreamState upstreamState();

  /** How many times the relay has registered upstream so far (1 after the first connection). */
  int upstreamSessions();

  /** Disconnects from the runtime and closes the downstream runtime (Shutdown to its plugins). */
  Future<Void> close();
}
