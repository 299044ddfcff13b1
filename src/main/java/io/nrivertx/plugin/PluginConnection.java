package io.nrivertx.plugin;

import io.nrivertx.service.Errors;
import io.nrivertx.service.PluginNames;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.nrivertx.api.Empty;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.api.UpdateContainersResponse;
import io.nrivertx.protocol.GrpcCode;
import io.nrivertx.protocol.TtrpcConnection;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.protocol.TtrpcRole;
import io.nrivertx.wire.InboundBudget;
import io.nrivertx.wire.InboundLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The runtime's end of one plugin: a ttrpc client on conn 1 (Plugin service) and a server on
 * conn 2 (Runtime service) over one socket. State lives on the channel's event loop; the identity
 * and subscription are published through volatile fields for the core to read.
 */
public final class PluginConnection implements Plugin {
  private static final System.Logger LOG = System.getLogger(PluginConnection.class.getName());
  public static final String RUNTIME_SERVICE = "nri.pkg.api.v1alpha1.Runtime";

  /** The runtime side of plugin-initiated UpdateContainers. */
  public interface UpdateHandler
      extends BiFunction<PluginConnection, UpdateContainersRequest, Future<UpdateContainersResponse>> {
  }

  private final TtrpcConnection ttrpc;
  private final PeerIdentity peer;
  private final boolean external;
  private final long refusalLingerMillis;
  private final Promise<Void> registered = Promise.promise();
  private volatile String name;
  private volatile String index;
  private volatile String nriVersion = "unknown";
  private volatile EventMask events = new EventMask(0);
  private volatile FailurePolicy policy = FailurePolicy.getDefaultInstance();
  private volatile boolean stateChangeOnly;
  private volatile boolean identityRefused;
  // Fallback events already reported as handled through the deprecated StateChange.
  private final java.util.Set<String> deprecationReported = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private PluginConnection(Channel channel, boolean external, String name, String index,
                           Duration refusalLinger, UpdateHandler updates, InboundBudget budget) {
    this.peer = PeerIdentity.of(channel);
    this.external = external;
    this.name = name;
    this.index = index;
    this.refusalLingerMillis = refusalLinger.toMillis();
    // Until it registers, a peer may hold only what a RegisterPlugin needs
    // (docs/configuration.md, "Inbound limits and cut peers").
    this.ttrpc = TtrpcConnection.attach(channel, TtrpcRole.RUNTIME, "plugin " + peer,
        new InboundLimits(budget, InboundLimits.REGISTRATION, "before RegisterPlugin"));
    ttrpc.logCloses(!external); // the listener logs one rate-limited line for a peer cut before registering
    ttrpc.handle(RUNTIME_SERVICE, "RegisterPlugin", (payload, deadline) -> onRegister(payload));
    ttrpc.handle(RUNTIME_SERVICE, "UpdateContainers", (payload, deadline) -> {
      if (!registered.future().succeeded()) {
        return Future.failedFuture(TtrpcException.status(GrpcCode.FAILED_PRECONDITION, "plugin is not registered"));
      }
      return parse(payload, UpdateContainersRequest.parser())
          .compose(req -> updates.apply(this, req))
          .map(Message::toByteArray);
    });
    ttrpc.closeFuture().onComplete(ar -> registered.tryFail("failed to register plugin, connection closed"));
  }

  /**
   * A plugin that connected to the socket: it names itself in RegisterPlugin.
   *
   * @param refusalLinger how long a connection refused at registration stays open, so the
   *     refusal reaches the plugin before the hang-up
   */
  public static PluginConnection external(Channel channel, Duration refusalLinger, UpdateHandler updates) {
    return external(channel, refusalLinger, updates, InboundBudget.unlimited());
  }

  /** As {@link #external(Channel, Duration, UpdateHandler)}, its inbound data counted against {@code budget}. */
  public static PluginConnection external(Channel channel, Duration refusalLinger, UpdateHandler updates,
                                          InboundBudget budget) {
    return new PluginConnection(channel, true, null, null, refusalLinger, updates, budget);
  }

  /** A plugin the runtime launched: its identity is its file name, whatever it registers with. */
  public static PluginConnection launched(Channel channel, String name, String index, Duration refusalLinger,
                                          UpdateHandler updates) {
    return new PluginConnection(channel, false, name, index, refusalLinger, updates, InboundBudget.unlimited());
  }

  private Future<byte[]> onRegister(byte[] payload) {
    return parse(payload, RegisterPluginRequest.parser()).compose(req -> {
      if (registered.future().isComplete()) {
        return Future.failedFuture(TtrpcException.status(GrpcCode.FAILED_PRECONDITION, "plugin already registered"));
      }
      if (external) {
        String bad = PluginNames.checkName(req.getPluginName());
        if (bad != null) {
          return refuse("plugin registered with an invalid name: " + bad, "invalid plugin name: " + bad);
        }
        bad = PluginNames.checkIndex(req.getPluginIdx());
        if (bad != null) {
          return refuse("plugin \"" + req.getPluginName() + "\" registered with an invalid index: " + bad,
              "invalid plugin index: " + bad);
        }
        name = req.getPluginName();
        index = req.getPluginIdx();
      }
      if (!req.getNRIVersion().isEmpty()) {
        nriVersion = req.getNRIVersion();
      }
      ttrpc.raiseInboundLimit();
      ttrpc.logCloses(true);
      registered.tryComplete();
      return Future.succeededFuture(Empty.getDefaultInstance().toByteArray());
    });
  }

  private Future<byte[]> refuse(String why, String reply) {
    identityRefused = true;
    registered.tryFail(why);
    // The reply must reach the plugin before the hang-up, so close a moment later.
    ttrpc.channel().eventLoop().schedule(() -> close(why), refusalLingerMillis, TimeUnit.MILLISECONDS);
    return Future.failedFuture(TtrpcException.status(GrpcCode.UNKNOWN, reply));
  }

  private static <T> Future<T> parse(byte[] payload, com.google.protobuf.Parser<T> parser) {
    try {
      return Future.succeededFuture(parser.parseFrom(payload));
    } catch (InvalidProtocolBufferException e) {
      return Future.failedFuture(new TtrpcException(GrpcCode.INTERNAL,
          "ttrpc: error unmarshalling payload: " + e.getMessage()));
    }
  }

  /** Completes when the plugin registered with a valid identity; fails when it did not. */
  public Future<Void> registered() {
    return registered.future();
  }

  /**
   * Calls one Plugin-service method. Never fails: the reply says whether the plugin answered, was
   * not subscribed, refused, timed out or broke the connection (NRI's classification of fatal
   * errors); what follows from that is the core's decision.
   */
  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                            CallOptions options) {
    if (!StateChangeFallback.covers(call) || (call.event() != null && !events.has(call.event()))) {
      return send(call, request, options);
    }
    if (stateChangeOnly) {
      return viaStateChange(call, request, options);
    }
    long deadline = System.nanoTime() + options.timeoutMillis() * 1_000_000;
    return send(call, request, options).compose(reply -> {
      if (reply.outcome() != PluginReply.Outcome.ERROR || reply.code() != GrpcCode.UNIMPLEMENTED.value()) {
        return Future.succeededFuture(reply);
      }
      // An old stub: from now on the nine fallback events go as StateChange, within the same deadline.
      stateChangeOnly = true;
      LOG.log(System.Logger.Level.INFO, "plugin " + id() + " answered " + call.method()
          + " with Unimplemented; its pod and container events go as StateChange from now on");
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      return viaStateChange(call, request, new CallOptions(left, options.metadata(), null));
    });
  }

  private <Q extends Message, R extends Message> Future<PluginReply<R>> viaStateChange(PluginCall<Q, R> call,
                                                                                    Q request, CallOptions options) {
    CallOptions fresh = new CallOptions(options.timeoutMillis(), options.metadata(), null);
    return send(PluginCall.STATE_CHANGE, StateChangeFallback.of(call, request), fresh).map(r -> {
      // Like NRI v0.12.5: one deprecation per plugin and event, once the event was handled that way.
      if (r.ok() && deprecationReported.add(call.method())) {
        LOG.log(System.Logger.Level.WARNING, "plugin " + id() + " handles " + call.method()
            + " only through the deprecated StateChange, not the dedicated RPC (NRIPluginInterface deprecation);"
            + " rebuild it on a newer NRI stub");
      }
      return new PluginReply<>(r.plugin(), r.outcome(), r.ok() ? call.emptyReply() : null, r.latencyNanos(),
          r.code(), r.error(), r.detail());
    });
  }

  /** True once the plugin was switched to StateChange for the nine fallback events. */
  public boolean usesStateChange() {
    return stateChangeOnly;
  }

  private <Q extends Message, R extends Message> Future<PluginReply<R>> send(PluginCall<Q, R> call, Q request,
                                                                          CallOptions options) {
    String id = id();
    if (call.event() != null && !events.has(call.event())) {
      return Future.succeededFuture(PluginReply.skipped(id));
    }
    if (ttrpc.isClosed()) {
      return Future.succeededFuture(PluginReply.closed(id, ttrpc.closeReason(), ttrpc.closeReason(), 0));
    }
    long start = System.nanoTime();
    // The event's one serialization, handed to ttrpc as it is: no copy on the way to the socket.
    ByteBuf payload = RequestBytes.of(options.encoding(), request, ttrpc.channel().alloc());
    return ttrpc.call(PluginCall.SERVICE, call.method(), payload, options.timeoutMillis(), options.metadata())
        .transform(ar -> Future.succeededFuture(reply(call, id, ar, System.nanoTime() - start)));
  }

  private static <R extends Message> PluginReply<R> reply(PluginCall<?, R> call, String id,
                                                          io.vertx.core.AsyncResult<byte[]> ar, long took) {
    if (ar.succeeded()) {
      try {
        return PluginReply.ok(id, call.parser().parseFrom(ar.result()), took);
      } catch (InvalidProtocolBufferException e) {
        return PluginReply.error(id, GrpcCode.INTERNAL.value(),
            "ttrpc: error unmarshalling " + call.method() + " reply: " + e.getMessage(), took);
      }
    }
    Throwable err = ar.cause();
    if (err instanceof TtrpcException te && te.isConnectionFatal()) {
      // Results carry the Go runtime's text for these errors; logs keep our more precise one.
      return te.kind() == TtrpcException.Kind.DEADLINE
          ? PluginReply.timeout(id, Errors.describe(te), took)
          : PluginReply.closed(id, Errors.goTransportText(te), Errors.describe(te), took);
    }
    int code = err instanceof TtrpcException te ? te.code() : GrpcCode.UNKNOWN.value();
    return PluginReply.error(id, code, Errors.describe(err), took);
  }

  /** ttrpc fails every call at its deadline, so the core sets no timer of its own. */
  @Override
  public boolean timesOutItself() {
    return true;
  }

  @Override
  public FailurePolicy failurePolicy() {
    return policy;
  }

  @Override
  public void subscribe(EventMask mask, FailurePolicy policy) {
    this.events = mask;
    this.policy = policy;
  }

  @Override
  public EventMask events() {
    return events;
  }

  /** "NN-name", the identity NRI uses for ordering and field ownership. */

  @Override
  public String name() {
    return name;
  }

  @Override
  public String index() {
    return index;
  }

  public boolean isExternal() {
    return external;
  }

  @Override
  public String kind() {
    return external ? "external" : "pre-connected";
  }

  @Override
  public PeerIdentity peer() {
    return peer;
  }

  public String nriVersion() {
    return nriVersion;
  }

  @Override
  public boolean isClosed() {
    return ttrpc.isClosed();
  }

  @Override
  public Future<Void> closeFuture() {
    return ttrpc.closeFuture();
  }

  @Override
  public String closeReason() {
    return ttrpc.closeReason();
  }

  /** True when RegisterPlugin was refused for an invalid name or index. */
  public boolean identityRefused() {
    return identityRefused;
  }

  /** What closed the connection: a {@code WireException} (framing or inbound limit), an I/O error, or null. */
  public Throwable closeCause() {
    return ttrpc.closeCause();
  }

  @Override
  public void close(String reason) {
    ttrpc.close(reason);
  }

  @Override
  public String toString() {
    return kind() + ":" + id() + "[" + peer + "]";
  }
}
