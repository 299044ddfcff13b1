package io.nrivertx.protocol;

import io.nrivertx.wire.WireLimits;

/**
 * Which side of an NRI trunk we are: it fixes the mux conn id we call on and the one we serve on.
 * The roles hold whoever created the socket (docs/protocol.md, "Trunk and multiplexer").
 */
public enum TtrpcRole {
  /** The container runtime: calls the Plugin service on conn 1, serves the Runtime service on 2. */
  RUNTIME(WireLimits.PLUGIN_SERVICE, WireLimits.RUNTIME_SERVICE),
  /** A plugin: calls the Runtime service on conn 2, serves the Plugin service on 1. */
  PLUGIN(WireLimits.RUNTIME_SERVICE, WireLimits.PLUGIN_SERVICE);

  private final int clientConnId;
  private final int serverConnId;

  TtrpcRole(int clientConnId, int serverConnId) {
    this.clientConnId = clientConnId;
    this.serverConnId = serverConnId;
  }

  /** The mux conn id on which we are the ttrpc client. */
  public int clientConnId() {
    return clientConnId;
  }

  /** The mux conn id on which we are the ttrpc server. */
  public int serverConnId() {
    return serverConnId;
  }
}
