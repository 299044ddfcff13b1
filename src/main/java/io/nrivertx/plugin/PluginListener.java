package io.nrivertx.plugin;

import io.netty.channel.Channel;
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
  private NetServer server;
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
    }).onSuccess(s -> LOG.log(System.Logger.Level.INFO, "NRI plugin socket listening at " + socket));
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
      LOG.log(System.Logger.Level.WARNING, "refused plugin connection from " + peer + ": uid " + peer.uid()
          + " is not allowed (allowedUids " + allowedUids.stream().sorted().toList() + ")");
      channel.close();
      return;
    }
    PluginConnection plugin = PluginConnection.external(channel, refusalLinger, updates);
    LOG.log(System.Logger.Level.INFO, "plugin connection accepted from " + plugin.peer());
    AtomicBoolean timedOut = new AtomicBoolean();
    long timer = vertx.setTimer(registrationTimeoutMillis, t -> {
      if (!plugin.registered().isComplete()) {
        LOG.log(System.Logger.Level.WARNING, "plugin " + plugin.peer() + ": plugin registration timed out");
        timedOut.set(true);
        plugin.close("plugin registration timed out");
      }
    });
    plugin.registered()
        .andThen(ar -> vertx.cancelTimer(timer))
        .onFailure(err -> unregistered.dropped(plugin, timedOut.get(), timedOut.get()
            ? "no RegisterPlugin within " + registrationTimeoutMillis + " ms" : err.getMessage()))
        .onSuccess(v -> LOG.log(System.Logger.Level.INFO, "plugin \"" + plugin.id() + "\" registered ("
            + plugin.peer() + ", NRI version " + plugin.nriVersion() + ")"))
        .compose(v -> admit.apply(plugin))
        .onFailure(err -> LOG.log(System.Logger.Level.WARNING, "plugin " + plugin.peer() + " dropped: "
            + err.getMessage()));
  }

  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    return server.close().compose(v -> vertx.executeBlocking(() -> Files.deleteIfExists(socket)));
  }
}
