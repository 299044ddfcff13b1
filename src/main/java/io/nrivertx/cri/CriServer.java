package io.nrivertx.cri;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.cri.impl.CriServerImpl;
import io.nrivertx.domain.Domain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A CRI runtime.v1 endpoint (RuntimeService and ImageService) on a unix socket, for crictl or
 * any CRI client, over simulated pods and containers. Every call reaches the NRI plugins at the
 * points containerd's CRI plugin would call them, and the plugins' adjustments end up in the
 * containers' OCI specs ({@code crictl inspect}). State is journaled in the state directory and
 * survives a crash. Methods may be called from any thread.
 */
public interface CriServer {

  /**
   * Opens the state directory, deploys an NRI runtime whose "k8s.io" domain is this endpoint's
   * state (so plugins synchronize with the restored pods and containers), then serves CRI.
   * Fails with {@link CriStateException} when the state cannot be recovered without losing data.
   */
  static Future<CriServer> start(Vertx vertx, NriOptions nri, CriOptions options) {
    return CriServerImpl.start(vertx, new NriOptions(nri), new CriOptions(options));
  }

  /** The NRI runtime the endpoint sends its lifecycle events to. */
  NriRuntime nri();

  /** The "k8s.io" domain: the endpoint's pods and containers as NRI sees them. */
  Domain domain();

  CriOptions options();

  /** What opening the state directory found (records replayed, a torn last record). */
  CriRecovery recovery();

  /** Stops serving CRI, closes the NRI runtime and the journal; removes the socket file. */
  Future<Void> close();
}
