package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.Event;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.relay.Relay;
import io.nrivertx.relay.RelayObserver;
import io.nrivertx.relay.RelayOptions;
import io.nrivertx.relay.UpstreamState;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubException;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The relay: owns the mirror and the upstream session on its verticle's context, forwards every
 * upstream event through the downstream runtime within the runtime's deadline, and deploys that
 * runtime once the first upstream Synchronize has filled the mirror.
 */
public final class RelayVerticle extends VerticleBase implements Relay, UpstreamPlugin.Target {
  private static final System.Logger LOG = System.getLogger(RelayVerticle.class.getName());

  private final NriOptions downstreamOptions;
  private final RelayOptions options;
  private final String namespace;
  private final MirrorState state = new MirrorState();
  private final Tombstones removed = new Tombstones();
  private final UpstreamEvents events;
  private final Promise<NriRuntime> ready = Promise.promise();
  private MirrorDomain mirror;
  private Stub stub;
  /** Set once, on the relay's context; read by every event on the stub's. */
  private volatile NriRuntime runtime;
  private boolean deploying;
  private volatile int sessions;
  private volatile Duration requestTimeout;
  /** Whether this session's runtime asks the relay to validate (validateUpstream, NRI v0.12+ upstream). */
  private volatile boolean validatesUpstream;
  private String deploymentId;
  private final RelayObserver observer;
  private volatile UpstreamState upstreamState = new UpstreamState(UpstreamState.CONNECTING, Instant.now(), 0);

  private RelayVerticle(NriOptions downstream, RelayOptions options, String namespace, RelayObserver observer) {
    this.observer = observer;
    this.downstreamOptions = downstream;
    this.options = options;
    this.namespace = namespace;
    this.events = new UpstreamEvents(options.isValidateUpstream());
    this.requestTimeout = options.getUpstreamRequestTimeout();
  }

  public static Future<Relay> deploy(Vertx vertx, NriOptions downstream, RelayOptions options, String namespace,
                                     RelayObserver observer) {
    if (sameFile(downstream.getSocketPath(), options.getUpstreamSocket()) && !downstream.isDisableConnections()) {
      return Future.failedFuture(new IllegalArgumentException("relay: the runtime's socket (upstream) and the "
          + "socket plugins connect to (downstream) are both " + options.getUpstreamSocket() + ": point the runtime's "
          + "NRI socket_path at another path (e.g. /var/run/nri/upstream.sock) and give it as the upstream, or serve "
          + "plugins on another socket"));
    }
    RelayVerticle v = new RelayVerticle(downstream, options, namespace, observer);
    return vertx.deployVerticle(v).map(id -> {
      v.deploymentId = id;
      return v;
    });
  }

  @Override
  public Future<?> start() {
    mirror = new MirrorDomain(namespace, context, state, this::updateUpstream);
    stub = Stub.create(vertx, new UpstreamPlugin(this), new StubOptions()
        .setName(options.getPluginName()).setIndex(options.getPluginIndex())
        .setSocketPath(options.getUpstreamSocket()).setEnvironment(Map.of())
        .setRequestTimeout(options.getUpstreamRequestTimeout())
        .setReconnect(true).setReconnectInitialDelay(options.getReconnectDelay())
        .setReconnectMaxDelay(options.getReconnectMaxDelay()));
    LOG.log(Level.INFO, "relay: connecting to the runtime at {0} as plugin {1}-{2}", options.getUpstreamSocket(),
        options.getPluginIndex(), options.getPluginName());
    stub.start().onFailure(err -> {
      if (!(err instanceof StubException) || !"stub stopped".equals(err.getMessage())) {
        LOG.log(Level.ERROR, "relay: cannot connect to the runtime at " + options.getUpstreamSocket() + ": "
            + err.getMessage());
      }
    });
    return Future.succeededFuture();
  }

  // ---- what the runtime sends (called on the stub's context) ----

  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    return onContext(() -> {
      sessions++;
      upstreamState = new UpstreamState(UpstreamState.REGISTERED, Instant.now(), sessions);
      observer.upstreamConnected(true);
      if (sessions > 1) {
        observer.reconnected();
      }
      if (request.getRequestTimeout() > 0) {
        requestTimeout = Duration.ofMillis(request.getRequestTimeout());
      }
      EventMask mask = events.offer(request);
      validatesUpstream = mask.has(Event.VALIDATE_CONTAINER_ADJUSTMENT);
      LOG.log(Level.INFO, "relay: registered with {0} {1} (NRI {2}) as {3}-{4}, session {5}, request timeout {6} ms, "
              + "events 0x{7}", request.getRuntimeName(), request.getRuntimeVersion(),
          request.getNRIVersion().isEmpty() ? "before v0.12" : request.getNRIVersion(), options.getPluginIndex(),
          options.getPluginName(), sessions, requestTimeout.toMillis(), Integer.toHexString(mask.bits()));
      downstreamOptions.setRuntimeName(request.getRuntimeName()).setRuntimeVersion(request.getRuntimeVersion());
      return Future.succeededFuture(mask);
    });
  }

  @Override
  public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    return onContext(() -> {
      events.synchronizedNow();
      upstreamState = new UpstreamState(UpstreamState.SYNCHRONIZED, Instant.now(), sessions);
      if (runtime == null) {
        state.reset(pods, containers);
        if (!deploying) {
          deploying = true;
          deployDownstream();
        }
      } else {
        resynchronize(pods, containers);
      }
      // Plugins' own Synchronize updates reach the runtime as UpdateContainers (MirrorDomain).
      return Future.succeededFuture(List.of());
    });
  }

  private void deployDownstream() {
    NriRuntime.deploy(vertx, downstreamOptions, mirror).onComplete(ar -> {
      if (ar.succeeded()) {
        runtime = ar.result();
        LOG.log(Level.INFO, "relay: serving plugins on {0} ({1} pods, {2} containers mirrored)",
            downstreamOptions.getSocketPath(), state.pods().size(), state.liveContainers().size());
        ready.tryComplete(runtime);
      } else {
        LOG.log(Level.ERROR, "relay: the downstream runtime did not start: " + ar.cause().getMessage());
        ready.tryFail(ar.cause());
      }
    });
  }

  private void resynchronize(List<PodSandbox> pods, List<Container> containers) {
    Resync.Plan plan = Resync.plan(state, pods, containers);
    state.reset(pods, containers);
    plan.removedContainers().forEach(id -> removed.add("container", id));
    plan.removedPods().forEach(id -> removed.add("pod", id));
    LOG.log(Level.INFO, "relay: re-synchronized with the runtime: {0} event(s) tell plugins what changed "
        + "while it was away", plan.steps().size());
    // Submitted now, in order, before the runtime's next event can arrive: the downstream
    // runtime keeps each pod's events in submission order.
    for (Resync.Step step : plan.steps()) {
      submit(step.call(), step.request());
    }
  }

  @SuppressWarnings("unchecked")
  private <Q extends Message> void submit(PluginCall<Q, ?> call, Message request) {
    runtime.request(namespace, call, (Q) request).onFailure(err -> LOG.log(Level.WARNING,
        "relay: " + call.method() + " after re-synchronization: " + err.getMessage()));
  }

  /**
   * Called on the stub's context, which the runtime's events arrive on in order. The event goes
   * straight to the downstream runtime (which keeps that order per pod) and its answer straight
   * back: no hop through the relay's context, which only records the event in the mirror.
   */
  @Override
  public <Q extends Message, R extends Message> Future<R> forward(PluginCall<Q, R> call, Q request) {
    Budget budget = Budget.startingNow(requestTimeout, options.getDeadlineMargin());
    int session = sessions;
    if (removed.alreadyRemoved(call, request)) {
      return Future.succeededFuture(empty(call));
    }
    NriRuntime rt = runtime;
    // The runtime's validation comes after every plugin it has changed the container, the relay's
    // reply included: the validators behind the relay judge then, not twice.
    boolean defer = validatesUpstream && call == PluginCall.CREATE_CONTAINER;
    Future<R> reply = rt != null ? DownstreamCall.send(vertx, rt, namespace, call, request, budget, defer)
        : waitReady(budget).compose(r -> r == null ? Future.succeededFuture(empty(call))
            : DownstreamCall.send(vertx, r, namespace, call, request, budget, defer));
    return reply.transform(ar -> {
      // After the event, not before: a plugin synchronized meanwhile sees the object either in its
      // Synchronize or in this event, never in both. An event of a lost session is not recorded:
      // the new Synchronize replaced what the mirror knew.
      context.runOnContext(v -> {
        if (session == sessions) {
          state.apply(request);
        }
      });
      answered(call.method(), ar.cause(), false);
      return ar.succeeded() ? Future.succeededFuture(RelayReplies.upstream(request, ar.result()))
          : Future.failedFuture(RelayErrors.upstream(ar.cause()));
    });
  }

  /** Called on the stub's context; the stub reconnects by itself. */
  @Override
  public void connectionLost(String reason) {
    context.runOnContext(v -> {
      upstreamState = new UpstreamState(UpstreamState.RECONNECTING, Instant.now(), sessions);
      observer.upstreamConnected(false);
    });
  }

  private void answered(String event, Throwable failure, boolean validation) {
    if (failure == null) {
      observer.upstreamRequest(event, "ok");
      return;
    }
    observer.upstreamRequest(event, validation ? "rejected" : "error");
    boolean late = failure instanceof io.nrivertx.runtime.LifecycleException le
        ? le.kind() == io.nrivertx.runtime.LifecycleException.Kind.DEADLINE_EXCEEDED
        : failure instanceof io.nrivertx.protocol.TtrpcException te
            && te.code() == io.nrivertx.protocol.GrpcCode.DEADLINE_EXCEEDED.value();
    if (late) {
      observer.budgetOverrun(event);
    }
  }

  /** Until the downstream runtime serves (at most the budget); null when it does not in time. */
  private Future<NriRuntime> waitReady(Budget budget) {
    Promise<NriRuntime> p = Promise.promise();
    long timer = vertx.setTimer(budget.remaining().toMillis(), t -> {
      LOG.log(Level.WARNING, "relay: an event arrived before the plugins were served; answered without them");
      p.tryComplete(null);
    });
    ready.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      p.tryComplete(ar.succeeded() ? ar.result() : null);
    });
    return p.future();
  }

  /**
   * The runtime's ValidateContainerAdjustment (validateUpstream): the validators behind the relay
   * (the default validator included) judge the runtime's final adjustment; a failed future is the
   * stub's rejection, its reason the downstream verdict naming the validator. Called on the stub's
   * context, as events are.
   */
  @Override
  public Future<Void> validate(ValidateContainerAdjustmentRequest request) {
    Budget budget = Budget.startingNow(requestTimeout, options.getDeadlineMargin());
    NriRuntime rt = runtime;
    if (rt == null) {
      // Its CreateContainer was answered without plugins too (they were not served yet).
      return Future.succeededFuture();
    }
    return DownstreamCall.send(vertx, rt, namespace, PluginCall.VALIDATE, request, budget, false)
        .transform(ar -> {
          answered(PluginCall.VALIDATE.method(), ar.cause(), true);
          return ar.succeeded() ? Future.succeededFuture()
              : Future.failedFuture(io.nrivertx.service.Errors.describe(ar.cause()));
        });
  }

  private Future<List<ContainerUpdate>> updateUpstream(List<ContainerUpdate> updates, List<ContainerEviction> evict) {
    if (!stub.isConnected()) {
      return Future.failedFuture("relay: not connected to the runtime at " + options.getUpstreamSocket()
          + "; the update was not sent");
    }
    return stub.updateContainers(updates, evict);
  }

  // ---- Relay ----

  @Override
  public RelayOptions options() {
    return new RelayOptions(options);
  }

  @Override
  public Future<NriRuntime> downstream() {
    return ready.future();
  }

  @Override
  public boolean isUpstreamConnected() {
    return stub != null && stub.isConnected();
  }

  @Override
  public UpstreamState upstreamState() {
    return upstreamState;
  }

  @Override
  public int upstreamSessions() {
    return sessions;
  }

  @Override
  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  @Override
  public Future<?> stop() {
    ready.tryFail("relay closed before the runtime synchronized it");
    Future<Void> upstream = stub == null ? Future.succeededFuture() : stub.stop();
    return upstream.eventually(() -> runtime == null ? Future.succeededFuture() : runtime.close());
  }

  private static <R extends Message> R empty(PluginCall<?, R> call) {
    try {
      return call.parser().parseFrom(new byte[0]);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean sameFile(String a, String b) {
    return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (Vertx.currentContext() == context) {
      return guarded(work);
    }
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> guarded(work).onComplete(p));
    return p.future();
  }

  private static <T> Future<T> guarded(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "relay: internal error", e);
      return Future.failedFuture(e);
    }
  }
}
