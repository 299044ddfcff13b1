package io.nrivertx.plugin;

import io.netty.channel.Channel;
import io.nrivertx.wire.InboundBudget;
import io.nrivertx.wire.WireException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Accepts external plugins on the NRI unix socket. Each accepted connection waits for
 * RegisterPlugin (bounded by the registration timeout) and is then handed to the runtime core.
 * Registrations proceed in parallel: one slow plugin never holds up another.
 */
public final class PluginListener extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(PluginListener.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private final Path socket;
  private final long registrationTimeoutMillis;
  private final java.time.Duration refusalLinger;
  private final PluginConnection.UpdateHandler updates;
  private final Function<PluginConnection, Future<Void>> admit;
  private final Unregistered unregistered;
  private final InboundBudget budget = new InboundBudget(InboundBudget.DEFAULT_LIMIT);
  private CutPeerLog cuts = new CutPeerLog();
  private NetServer server;
  private long flushTimer = -1;
  private Set<Integer> allowedUids = defaultUids();

  /** Told of a connection dropped before it registered, for the audit stream. */
  @FunctionalInterface
  public interface Unregistered {
    void dropped(PluginConnection plugin, boolean timedOut, String reason);
  }

  public PluginListener(Path socket, long registrationTimeoutMillis, java.time.Duration refusalLinger,
                        PluginConnection.UpdateHandler updates, Function<PluginConnection, Future<Void>> admit) {
    this(socket, registrationTimeoutMillis, refusalLinger, updates, admit, (p, t, r) -> { });
  }

  /** @param refusalLinger how long a connection refused at registration stays open, so the refusal reaches it */
  public PluginListener(Path socket, long registrationTimeoutMillis, java.time.Duration refusalLinger,
                        PluginConnection.UpdateHandler updates, Function<PluginConnection, Future<Void>> admit,
                        Unregistered unregistered) {
    this.unregistered = unregistered;
    this.socket = socket;
    this.registrationTimeoutMillis = registrationTimeoutMillis;
    this.refusalLinger = refusalLinger;
    this.updates = updates;
    this.admit = admit;
  }

  /** The peer uids (SO_PEERCRED) admitted; empty means this process's own uid and root. Call before deploying. */
  public PluginListener allowedUids(java.util.Collection<Integer> uids) {
    this.allowedUids = uids.isEmpty() ? defaultUids() : Set.copyOf(uids);
    return this;
  }

  private static Set<Integer> defaultUids() {
    return Set.copyOf(java.util.List.of(0, io.nrivertx.plugin.launch.Native.getuid()));
  }

  @Override
  public Future<?> start() {
    if (!vertx.isNativeTransportEnabled()) {
      return Future.failedFuture("the NRI socket needs Vert.x native transport (epoll), which is unavailable: "
          + vertx.unavailableNativeTransportCause());
    }
    return vertx.executeBlocking(this::prepareSocketPath).compose(v -> {
      server = vertx.createNetServer(new NetServerOptions());
      // NetSocketInternal: the only way to a NetSocket's Netty channel, whose pipeline the ttrpc
      // codecs join (Vert.x's public NetSocket speaks Buffers, not Netty messages).
      server.connectHandler(so -> accept((NetSocketInternal) so));
      return server.listen(SocketAddress.domainSocketAddress(socket.toString()));
    }).onSuccess(s -> {
      flushTimer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(CutPeerLog.WINDOW_SECONDS), t -> cuts.flush());
      LOG.log(System.Logger.Level.INFO, "NRI plugin socket listening at " + socket);
    });
  }

  /** Logs and counts cut peers into {@code log} (the runtime's own). Call before deploying. */
  public PluginListener cutLog(CutPeerLog log) {
    this.cuts = log;
    return this;
  }

  /** Peers cut before they registered, by reason, and log lines held back: for metrics. */
  public PeerCuts cuts() {
    return cuts;
  }

  /** Inbound bytes this listener's connections hold in partly received frames and messages. */
  public InboundBudget inboundBudget() {
    return budget;
  }

  /** Creates the directory 0700 when missing; never widens an existing one; replaces a stale socket. */
  private Void prepareSocketPath() throws IOException {
    Path dir = socket.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    } else {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)
          || perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        LOG.log(System.Logger.Level.WARNING, "NRI socket directory " + dir + " has permissions "
            + PosixFilePermissions.toString(perms) + "; other users may reach the plugin socket (left unchanged)");
      }
    }
    refuseLiveSocket();
    Files.deleteIfExists(socket);
    return null;
  }

  /**
   * A stale socket file is replaced, as NRI does; but one somebody still accepts on belongs to a
   * running runtime (containerd, another nri-vertx), and deleting it would cut that runtime's
   * plugins off. Runs on a worker: the probe is a blocking connect.
   */
  private void refuseLiveSocket() throws IOException {
    if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(
        java.net.StandardProtocolFamily.UNIX)) {
      probe.connect(java.net.UnixDomainSocketAddress.of(socket));
    } catch (IOException | UnsupportedOperationException stale) {
      return; // nobody listens: a leftover file
    }
    throw new IOException("another process is serving NRI at " + socket
        + "; refusing to replace its socket (stop it, or choose another socket path)");
  }

  private void accept(NetSocketInternal so) {
    Channel channel = so.channelHandlerContext().channel();
    PeerIdentity peer = PeerIdentity.of(channel);
    if (!allowedUids.contains(peer.uid())) {
      // Checked before the ttrpc codecs exist, so not one byte from this peer is interpreted.
      cuts.cut(PeerCuts.UID_REFUSED, peer, "uid " + peer.uid() + " is not allowed (allowedUids "
          + allowedUids.stream().sorted().toList() + ")");
      channel.close();
      return;
    }
    PluginConnection plugin = PluginConnection.external(channel, refusalLinger, updates, budget);
    LOG.log(System.Logger.Level.DEBUG, () -> "plugin connection accepted from " + plugin.peer());
    AtomicBoolean timedOut = new AtomicBoolean();
    long timer = vertx.setTimer(registrationTimeoutMillis, t -> {
      if (!plugin.registered().isComplete()) {
        timedOut.set(true);
        plugin.close("plugin registration timed out");
      }
    });
    plugin.registered().andThen(ar -> vertx.cancelTimer(timer)).onComplete(ar -> {
      if (ar.failed()) {
        String detail = timedOut.get() ? "no RegisterPlugin within " + registrationTimeoutMillis + " ms"
            : plugin.identityRefused() || plugin.closeReason() == null ? ar.cause().getMessage() : plugin.closeReason();
        cuts.cut(reason(plugin, timedOut.get()), plugin.peer(), detail);
        unregistered.dropped(plugin, timedOut.get(), detail);
        return;
      }
      LOG.log(System.Logger.Level.INFO, "plugin \"" + plugin.id() + "\" registered (" + plugin.peer()
          + ", NRI version " + plugin.nriVersion() + ")");
      admit.apply(plugin).onFailure(err -> LOG.log(System.Logger.Level.WARNING, "plugin " + plugin.id() + " ("
          + plugin.peer() + ") dropped: " + err.getMessage()));
    });
  }

  private static String reason(PluginConnection plugin, boolean timedOut) {
    if (timedOut) {
      return PeerCuts.REGISTRATION_TIMEOUT;
    }
    if (plugin.identityRefused()) {
      return PeerCuts.INVALID_IDENTITY;
    }
    return switch (plugin.closeCause()) {
      case WireException w when w.kind() == WireException.Kind.BUDGET -> PeerCuts.OVER_LIMIT;
      case WireException w -> PeerCuts.PROTOCOL_ERROR;
      case IOException e -> PeerCuts.IO_ERROR;
      case null, default -> PeerCuts.HUNG_UP;
    };
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flushTimer);
    cuts.flush();
    if (server == null) {
      return Future.succeededFuture();
    }
    return server.close().compose(v -> vertx.executeBlocking(() -> Files.deleteIfExists(socket)));
  }
}
