package io.nrivertx.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.nrivertx.wire.InboundLimits;
import io.nrivertx.wire.MuxFrameDecoder;
import io.nrivertx.wire.TtrpcDemuxDecoder;
import io.nrivertx.wire.TtrpcInbound;
import io.nrivertx.wire.TtrpcMuxEncoder;
import io.nrivertx.wire.TtrpcOutbound;
import io.nrivertx.wire.WireException;
import io.nrivertx.wire.WireLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * ttrpc client and server over the two logical connections of one NRI trunk channel.
 *
 * <p>{@link #attach} installs the mux and ttrpc codecs in the channel's pipeline, before Vert.x's
 * own {@code "handler"} when there is one (a NetSocket's pipeline), and consumes all ttrpc traffic
 * itself. Any framing error, I/O error or the channel closing closes the connection for good and
 * fails every pending call with one {@link TtrpcException.Kind#CLOSED} exception.
 *
 * <p>Thread-safety: public methods may be called from any thread. All state is touched only on the
 * channel's event loop; futures complete there.
 */
public final class TtrpcConnection {

  private static final System.Logger LOG = System.getLogger(TtrpcConnection.class.getName());

  /** Name of the handler Vert.x puts last in a NetSocket's pipeline. */
  static final String VERTX_HANDLER = "handler";
  static final String MUX_DECODER = "nri-mux-decoder";
  static final String TTRPC_DEMUX = "nri-ttrpc-demux";
  static final String MUX_ENCODER = "nri-mux-encoder";
  static final String TTRPC_HANDLER = "nri-ttrpc";

  private final Channel channel;
  private final TtrpcRole role;
  private final String logName;
  private final ClientCalls client;
  private final ServerDispatcher server;
  private final Promise<Void> closePromise = Promise.promise();
  private ChannelHandlerContext ctx;
  private final InboundLimits limits;
  private volatile String closeReason;
  private volatile Throwable closeCause;
  private volatile boolean logCloses = true;

  private TtrpcConnection(Channel channel, TtrpcRole role, String logName, InboundLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.role = Objects.requireNonNull(role, "role");
    this.logName = Objects.requireNonNull(logName, "logName");
    this.client = new ClientCalls(this);
    this.server = new ServerDispatcher(this);
  }

  /**
   * Installs the codecs on {@code channel} and returns the connection running on it.
   *
   * <p>Call it on the channel's event loop, before it is registered, or while its auto-read is off
   * (turn it on afterwards): a byte read before the codecs are in the pipeline reaches no decoder
   * and is lost, so a peer's first request would go unanswered. Off the loop on a registered,
   * reading channel the install could only be queued behind whatever the loop reads first, so that
   * case is refused.
   *
   * @param logName names this connection in log lines, e.g. the plugin's "NN-name"
   * @throws IllegalStateException when called off the event loop of a registered channel that reads
   */
  public static TtrpcConnection attach(Channel channel, TtrpcRole role, String logName) {
    return attach(channel, role, logName, InboundLimits.unlimited());
  }

  /**
   * As {@link #attach(Channel, TtrpcRole, String)}, holding inbound data to {@code limits}: a
   * peer over them is cut with a {@link WireException} of kind BUDGET as its close cause.
   */
  public static TtrpcConnection attach(Channel channel, TtrpcRole role, String logName, InboundLimits limits) {
    if (channel.isRegistered() && !channel.eventLoop().inEventLoop() && channel.config().isAutoRead()) {
      throw new IllegalStateException(logName + ": attach a registered channel on its event loop, or with "
          + "auto-read off until attached; bytes read before the ttrpc codecs are installed would be lost");
    }
    TtrpcConnection connection = new TtrpcConnection(channel, role, logName, limits);
    // Installed on the event loop so that no inbound message can arrive half-way through.
    if (!connection.runOnLoop(connection::install)) {
      connection.closeNow("event loop shut down", Level.WARNING);
    }
    return connection;
  }

  private void install() {
    ChannelPipeline pipeline = channel.pipeline();
    add(pipeline, MUX_DECODER, new MuxFrameDecoder(limits));
    add(pipeline, TTRPC_DEMUX,
        new TtrpcDemuxDecoder(Set.of(role.clientConnId(), role.serverConnId()), limits));
    add(pipeline, MUX_ENCODER, new TtrpcMuxEncoder());
    add(pipeline, TTRPC_HANDLER, new ConnectionHandler(this));
    ctx = pipeline.context(TTRPC_HANDLER);
    channel.closeFuture().addListener(f -> closeNow("connection closed", Level.WARNING));
  }

  private static void add(ChannelPipeline pipeline, String name, ChannelHandler handler) {
    if (pipeline.get(VERTX_HANDLER) != null) {
      pipeline.addBefore(VERTX_HANDLER, name, handler);
    } else {
      pipeline.addLast(name, handler);
    }
  }

  /**
   * Calls {@code service/method}. {@code payload} is not copied: do not modify it afterwards.
   *
   * @param timeoutMillis local deadline, also sent as {@code timeout_nano}; 0 = none
   * @return the encoded response; fails with {@link TtrpcException} (or IllegalArgumentException
   *     for a negative timeout)
   */
  public Future<byte[]> call(String service, String method, byte[] payload, long timeoutMillis) {
    return call(service, method, payload, timeoutMillis, java.util.Map.of());
  }

  /**
   * As {@link #call(String, String, byte[], long)}, with entries for the Request's metadata field
   * (how Go's ttrpc carries per-call context such as W3C trace headers).
   */
  public Future<byte[]> call(String service, String method, byte[] payload, long timeoutMillis,
                             java.util.Map<String, String> metadata) {
    return call(service, method, Unpooled.wrappedBuffer(payload), timeoutMillis, metadata);
  }

  /**
   * As {@link #call(String, String, byte[], long, java.util.Map)} with the payload in a buffer,
   * which is written to the socket as it is (no copy; a direct buffer reaches a native transport
   * unchanged). Takes over the caller's reference to {@code payload}, also when the call fails.
   */
  public Future<byte[]> call(String service, String method, ByteBuf payload, long timeoutMillis,
                             java.util.Map<String, String> metadata) {
    Promise<byte[]> promise = Promise.promise();
    if (!runOnLoop(() -> client.start(service, method, payload, timeoutMillis, metadata, promise))) {
      payload.release();
      promise.tryFail(TtrpcException.closed("event loop shut down"));
    }
    return promise.future();
  }

  /** Serves {@code service/method}; may be called before or after traffic starts. */
  public void handle(String service, String method, TtrpcHandler handler) {
    server.register(service, method, handler);
  }

  public Future<Void> closeFuture() {
    return closePromise.future();
  }

  /** Closes the connection and the channel; pending calls fail with CLOSED and {@code reason}. */
  public void close(String reason) {
    Runnable task = () -> closeNow(reason, Level.INFO);
    if (!runOnLoop(task)) {
      task.run(); // the loop is gone, so nothing else can touch the state any more
    }
  }

  /**
   * Lifts the inbound limit to one maximum message per logical connection (a plugin that has
   * registered); it may be called from any thread.
   */
  public void raiseInboundLimit() {
    runOnLoop(() -> limits.raise(WireLimits.MAX_MUX_FRAME, "per logical connection"));
  }

  /**
   * Whether closing logs its reason (default). Off, the close is logged at DEBUG only: the owner
   * reports it itself, e.g. as one rate-limited line for a peer cut before it registered.
   */
  public void logCloses(boolean on) {
    logCloses = on;
  }

  /** What made the connection close: a {@link WireException} or I/O error, or null for a plain close. */
  public Throwable closeCause() {
    return closeCause;
  }

  public boolean isClosed() {
    return closeReason != null;
  }

  /** Why the connection closed, or null while it is open. */
  public String closeReason() {
    return closeReason;
  }

  public TtrpcRole role() {
    return role;
  }

  public Channel channel() {
    return channel;
  }

  public String logName() {
    return logName;
  }

  // ---- package-private, event loop only ----

  EventLoop eventLoop() {
    return channel.eventLoop();
  }

  void dispatch(TtrpcInbound inbound) {
    if (isClosed()) {
      return;
    }
    if (inbound.connId() == role.clientConnId()) {
      client.onMessage(inbound.message());
    } else if (inbound.connId() == role.serverConnId()) {
      server.onMessage(inbound.message());
    }
  }

  /** A {@link TtrpcOutbound} or a {@link io.nrivertx.wire.TtrpcBufOutbound} (which the write releases). */
  void send(Object message) {
    ctx.writeAndFlush(message).addListener(f -> {
      if (!f.isSuccess()) {
        closeNow("write failed: " + describe(f.cause()), Level.WARNING);
      }
    });
  }

  void closeNow(String reason, Level level) {
    closeNow(reason, level, null);
  }

  void closeNow(String reason, Level level, Throwable cause) {
    if (closeReason != null) {
      return;
    }
    closeCause = cause;
    closeReason = Objects.requireNonNullElse(reason, "closed");
    LOG.log(logCloses ? level : Level.DEBUG, "{0}: ttrpc connection closed: {1}", logName, closeReason);
    client.failAll(TtrpcException.closed(closeReason));
    channel.close();
    closePromise.tryComplete();
  }

  /** Runs {@code task} on the event loop, inline when already there; false if the loop is gone. */
  boolean runOnLoop(Runnable task) {
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      task.run();
      return true;
    }
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message != null ? message : cause.toString();
  }
}
