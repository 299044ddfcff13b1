package io.nrivertx.stub;

import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.impl.StubImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * The plugin side of NRI for one {@link NriPlugin}: connects to the runtime, registers, answers
 * Configure and Synchronize and dispatches every event to the plugin's handlers.
 *
 * <p>Needs a Vert.x with native transport (epoll), for unix sockets and inherited fds:
 * {@code Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build()}.
 *
 * <p>Thread-safety: all methods may be called from any thread. The stub's state and every
 * plugin callback live on one event-loop context of its own.
 */
public interface Stub {
  /** The NRI version whose protocol this stub speaks, sent in RegisterPlugin. */
  String NRI_VERSION = "v0.12.5";

  /**
   * Creates a stub. Checks the plugin's handlers and works out its identity right away.
   *
   * @throws StubException if the plugin handles no event or no valid identity follows
   */
  static Stub create(Vertx vertx, NriPlugin plugin, StubOptions options) {
    return new StubImpl(vertx, plugin, new StubOptions(options));
  }

  /**
   * Connects, registers and waits for the runtime's Configure. Completes once the plugin is
   * configured (Synchronize follows); fails if any step fails, unless reconnect is on, in which
   * case it keeps trying until it succeeds or {@link #stop()} is called.
   */
  Future<Void> start();

  /** Closes the connection for good; {@link #stopped()} then succeeds. */
  Future<Void> stop();

  /**
   * Completes when the stub is done: succeeds after {@link #stop()}, fails with a
   * {@link StubException} when the connection is lost (or cannot be made) and reconnect is off.
   */
  Future<Void> stopped();

  /**
   * Asks the runtime to update (and, where the runtime supports it, evict) containers at any time
   * after registration. The result lists the updates that failed; a runtime that failed some
   * updates may instead fail the call (containerd sends only an error status).
   */
  Future<List<ContainerUpdate>> updateContainers(List<ContainerUpdate> updates, List<ContainerEviction> evictions);

  PluginIdentity identity();

  /** The events the plugin has handlers for, the default subscription. */
  EventMask handledEvents();

  /** The subscription sent in the last Configure reply; empty before. */
  EventMask subscribedEvents();

  /** The runtime's registration timeout from Configure, else the option's. */
  Duration registrationTimeout();

  /** The runtime's request timeout from Configure, else the option's. */
  Duration requestTimeout();

  /** The runtime's NRI version from Configure, or "unknown". */
  String runtimeNriVersion();

  /** Whether the stub is connected and configured right now. */
  boolean isConnected();
}
