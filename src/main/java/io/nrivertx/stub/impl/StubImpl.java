package io.nrivertx.stub.impl;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.Events;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.PluginIdentity;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubException;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The stub's lifecycle: connect, register, get configured; on connection loss either stop or,
 * with reconnect on, try again with exponential backoff. One {@link StubSession} per connection.
 *
 * <p>Thread-safety: mutable state is confined to {@link #context}; public methods hop onto it.
 * What the getters report is published through volatile fields.
 *
 * <p>{@link #context} is a fresh event-loop context made through Vert.x's internal API: the
 * public API gives a new one only to a deployed verticle, and the stub must not make its
 * embedder deploy one. {@link Connector} needs its Netty event loop (see there).
 */
public final class StubImpl implements Stub {
  private static final System.Logger LOG = System.getLogger(StubImpl.class.getName());
  private static final Set<String> VERSIONLESS = Set.of("", "(devel)", "0.0.0-unknown");

  private final VertxInternal vertx;
  private final ContextInternal context;
  private final NriPlugin plugin;
  private final StubOptions options;
  private final PluginIdentity identity;
  private final EventMask handled;
  private final boolean buffersSync;
  private final Connector connector;
  private final Promise<Void> stopped = Promise.promise();
  private Promise<Void> started;
  private StubSession session;
  private boolean stopping;
  private long retryTimer = -1;
  private long retryDelayMillis;
  private volatile boolean connected;
  private volatile EventMask subscribed = new EventMask(0);
  private volatile Duration registrationTimeout;
  private volatile Duration requestTimeout;
  private volatile String runtimeNriVersion = "unknown";

  public StubImpl(Vertx vertx, NriPlugin plugin, StubOptions options) {
    this.vertx = (VertxInternal) vertx;
    this.plugin = plugin;
    this.options = options;
    Map<String, String> env = options.getEnvironment() != null ? options.getEnvironment() : System.getenv();
    this.handled = HandlerScan.handledEvents(plugin);
    this.buffersSync = HandlerScan.handlesSynchronize(plugin);
    this.identity = PluginIdentity.resolve(env, options);
    this.registrationTimeout = options.getRegistrationTimeout();
    this.requestTimeout = options.getRequestTimeout();
    this.retryDelayMillis = options.getReconnectInitialDelay().toMillis();
    this.context = this.vertx.createEventLoopContext();
    SocketSource source = SocketSource.of(options, env);
    this.connector = new Connector(this.vertx, context, options.getSocketPath(), source.fd(), source.origin());
    LOG.log(Level.INFO, "Created plugin {0} (handles {1})", identity.id(), Events.prettyString(handled));
  }

  @Override
  public Future<Void> start() {
    return onContext(() -> {
      if (started != null || stopping) {
        return Future.failedFuture(new StubException(stopping ? "stub stopped" : "stub already started"));
      }
      started = Promise.promise();
      if (!vertx.isNativeTransportEnabled()) {
        fail(new StubException("the NRI plugin stub needs Vert.x native transport (epoll), which is unavailable: "
            + vertx.unavailableNativeTransportCause()));
      } else {
        attempt();
      }
      return started.future();
    });
  }

  private void attempt() {
    retryTimer = -1;
    connector.connect().compose(channel -> {
      if (stopping) {
        channel.close();
        return Future.failedFuture(new StubException("stub stopped"));
      }
      session = new StubSession(this, channel);
      return session.open();
    }).onComplete(ar -> onContextNow(() -> {
      if (ar.succeeded()) {
        onConfigured(session);
      } else {
        onAttemptFailed(ar.cause());
      }
    }));
  }

  private void onConfigured(StubSession current) {
    connected = true;
    retryDelayMillis = options.getReconnectInitialDelay().toMillis();
    LOG.log(Level.INFO, "Started plugin {0} on {1}", identity.id(), connector.describe());
    current.closeFuture().onComplete(ar -> onContextNow(() -> onConnectionLost(current)));
    started.tryComplete();
  }

  private void onAttemptFailed(Throwable cause) {
    if (session != null) {
      // Later, not now: an error reply to Configure may still be on its way out.
      StubSession failed = session;
      session = null;
      context.runOnContext(v -> failed.close("plugin start failed"));
    }
    if (stopping) {
      started.tryFail(new StubException("stub stopped"));
    } else if (options.isReconnect() && connector.canReconnect()) {
      LOG.log(Level.WARNING, "Plugin {0} could not start: {1}; retrying in {2} ms", identity.id(),
          cause.getMessage(), retryDelayMillis);
      scheduleRetry();
    } else {
      fail(cause instanceof StubException se ? se : new StubException(cause.getMessage(), cause));
    }
  }

  private void onConnectionLost(StubSession lost) {
    if (lost != session) {
      return;
    }
    session = null;
    connected = false;
    subscribed = new EventMask(0);
    if (stopping) {
      return;
    }
    String why = "connection to the runtime lost: " + lost.closeReason();
    try {
      plugin.connectionLost(why);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Plugin " + identity.id() + ": its connectionLost handler failed", e);
    }
    if (options.isReconnect() && connector.canReconnect()) {
      LOG.log(Level.WARNING, "Plugin {0}: {1}; reconnecting in {2} ms", identity.id(), why, retryDelayMillis);
      scheduleRetry();
    } else {
      LOG.log(Level.INFO, "Plugin {0}: {1}", identity.id(), why);
      fail(new StubException(why));
    }
  }

  private void scheduleRetry() {
    long delay = retryDelayMillis;
    retryDelayMillis = Math.min(delay * 2, options.getReconnectMaxDelay().toMillis());
    retryTimer = context.setTimer(delay, t -> attempt());
  }

  /** Gives up for good: start and stopped fail with {@code cause}. */
  private void fail(StubException cause) {
    started.tryFail(cause);
    stopped.tryFail(cause);
    connector.close();
  }

  @Override
  public Future<Void> stop() {
    return onContext(() -> {
      stopping = true;
      if (retryTimer >= 0) {
        context.owner().cancelTimer(retryTimer);
        retryTimer = -1;
      }
      if (session != null) {
        session.close("plugin stopped");
      }
      if (started != null) {
        started.tryFail(new StubException("stub stopped"));
      }
      stopped.tryComplete();
      LOG.log(Level.INFO, "Stopped plugin {0}", identity.id());
      return connector.close();
    });
  }

  @Override
  public Future<Void> stopped() {
    return stopped.future();
  }

  @Override
  public Future<List<ContainerUpdate>> updateContainers(List<ContainerUpdate> updates,
                                                        List<ContainerEviction> evictions) {
    return onContext(() -> session == null || !connected
        ? Future.failedFuture(new StubException("stub: no service/connection (plugin " + identity.id()
            + " is not connected)"))
        : session.updateContainers(updates, evictions));
  }

  // ---- called by StubSession on the context ----

  void adopt(ConfigureRequest request) {
    if (request.getRegistrationTimeout() > 0) {
      registrationTimeout = Duration.ofMillis(request.getRegistrationTimeout());
    }
    if (request.getRequestTimeout() > 0) {
      requestTimeout = Duration.ofMillis(request.getRequestTimeout());
    }
    runtimeNriVersion = VERSIONLESS.contains(request.getNRIVersion()) ? "unknown" : request.getNRIVersion();
  }

  void subscribed(EventMask events) {
    subscribed = events;
  }

  NriPlugin plugin() {
    return plugin;
  }

  ContextInternal context() {
    return context;
  }

  boolean buffersSync() {
    return buffersSync;
  }

  FailurePolicy failurePolicy() {
    return options.getFailurePolicy();
  }

  // ---- getters ----

  @Override
  public PluginIdentity identity() {
    return identity;
  }

  @Override
  public EventMask handledEvents() {
    return handled;
  }

  @Override
  public EventMask subscribedEvents() {
    return subscribed;
  }

  @Override
  public Duration registrationTimeout() {
    return registrationTimeout;
  }

  @Override
  public Duration requestTimeout() {
    return requestTimeout;
  }

  @Override
  public String runtimeNriVersion() {
    return runtimeNriVersion;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  /** Runs {@code task} on the context and passes its future on. */
  private <T> Future<T> onContext(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    onContextNow(() -> task.get().onComplete(promise));
    return promise.future();
  }

  private void onContextNow(Runnable task) {
    if (context.inThread()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }
}
