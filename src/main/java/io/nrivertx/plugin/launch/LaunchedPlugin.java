package io.nrivertx.plugin.launch;

import io.nrivertx.NriOptions;
import io.nrivertx.config.Durations;
import io.nrivertx.plugin.PluginConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One pre-installed plugin across its launches: spawn it off the event loop with its end of a
 * socket pair as fd 3, adopt our end on an event loop, wait for RegisterPlugin (killing it after
 * the registration timeout, as NRI does), have it admitted with its drop-in configuration, and
 * stop its process when its connection dies. With {@code pluginRestart: on-failure} a plugin
 * that failed is started again after a delay that doubles with each failure in a row.
 *
 * <p>Thread-safety: all state is confined to the launcher's context {@code ctx}.
 */
final class LaunchedPlugin implements Launched {
  private static final System.Logger LOG = System.getLogger(LaunchedPlugin.class.getName());

  private final Context ctx;
  private final PluginFile file;
  private final NriOptions options;
  private final PluginLauncher.Admission admission;
  private final PluginConnection.UpdateHandler updates;
  private ChildProcess child;
  private PluginConnection connection;
  private boolean stopping;
  private final Backoff backoff;
  private long restartTimer = -1;
  private long startedAt;

  LaunchedPlugin(Context ctx, PluginFile file, NriOptions options, PluginLauncher.Admission admission,
                 PluginConnection.UpdateHandler updates) {
    this.ctx = ctx;
    this.file = file;
    this.options = options;
    this.admission = admission;
    this.updates = updates;
    this.backoff = new Backoff(options.getPluginRestartBackoff(), options.getPluginRestartBackoffMax());
  }

  @Override
  public Future<Void> launch() {
    String id = file.id();
    List<String> env = List.of("NRI_PLUGIN_NAME=" + file.name(), "NRI_PLUGIN_IDX=" + file.index(), "NRI_PLUGIN_SOCKET=3");
    Promise<ExitStatus> exit = Promise.promise(); // completed by the reaper thread
    Future<Spawned> spawned = ctx.executeBlocking(() -> {
      int[] pair = Native.socketPair();
      try {
        String path = file.path().toAbsolutePath().toString();
        return new Spawned(ChildProcess.spawn(id, path, env, pair[1], exit), pair[0], target(file));
      } catch (IOException | RuntimeException e) {
        Native.close(pair[0]);
        throw e;
      }
    }, false);
    return spawned.recover(err -> {
      LOG.log(System.Logger.Level.WARNING, "plugin " + id + " not started: " + err.getMessage());
      scheduleRestart("it could not be started");
      return Future.failedFuture(err);
    }).compose(s -> {
      child = s.child();
      startedAt = System.nanoTime();
      LOG.log(System.Logger.Level.INFO, "launched plugin " + id + " (name " + file.name() + ", index " + file.index()
          + ", pid " + s.child().pid() + ") from " + s.target() + (file.configFile() == null ? ", no drop-in config"
          : ", config " + file.configFile()));
      OnContext.on(ctx, s.child().exit()).onComplete(ar -> onExit(s.child(), ar.succeeded() ? ar.result() : null));
      Future<PluginConnection> adopted = OnContext.on(ctx, Adoption.adopt(ctx.owner(), s.fd(),
          channel -> PluginConnection.launched(channel, file.name(), file.index(), options.getRefusalLinger(), updates)))
          .recover(err -> {
        LOG.log(System.Logger.Level.WARNING, "plugin " + id + ": cannot use its socket: " + err.getMessage());
        terminate(s.child());
        return Future.failedFuture(err);
      });
      return adopted.compose(conn -> register(conn, s.child()))
          .compose(conn -> admission.admit(new LaunchedConnection(conn, s.child().pid()), file.config()));
    });
  }

  private record Spawned(ChildProcess child, int fd, String target) {
  }

  private static String target(PluginFile file) {
    try {
      java.nio.file.Path real = file.path().toRealPath();
      return real.equals(file.path().toAbsolutePath()) ? real.toString() : file.path() + " -> " + real;
    } catch (IOException e) {
      return file.path().toString();
    }
  }

  private Future<PluginConnection> register(PluginConnection conn, ChildProcess process) {
    connection = conn;
    conn.closeFuture().onComplete(ar -> ctx.runOnContext(v -> onConnectionClosed(conn, process)));
    // The operator's registrationTimeout for this plugin, when set (docs/configuration.md, "Per-plugin settings").
    Duration own = options.getPlugins().forPlugin(file.index(), file.name()).registrationTimeout();
    Duration timeout = own != null ? own : options.getRegistrationTimeout();
    long timer = ctx.owner().setTimer(timeout.toMillis(), t -> {
      if (!conn.registered().isComplete()) {
        LOG.log(System.Logger.Level.WARNING, "plugin " + file.id() + " (pid " + process.pid() + "): plugin registration "
            + "timed out after " + Durations.format(timeout) + "; killing it");
        conn.close("plugin registration timed out");
        process.signal(Native.SIGKILL);
      }
    });
    Promise<PluginConnection> registered = Promise.promise();
    OnContext.on(ctx, conn.registered()).onComplete(ar -> {
      ctx.owner().cancelTimer(timer);
      if (ar.succeeded()) {
        registered.complete(conn);
      } else {
        registered.fail(ar.cause());
      }
    });
    return registered.future();
  }

  /** NRI kills a launched plugin whose connection the runtime dropped; here it gets SIGTERM first. */
  private void onConnectionClosed(PluginConnection conn, ChildProcess process) {
    if (!stopping && process.isAlive()) {
      LOG.log(System.Logger.Level.WARNING, "plugin " + file.id() + " (pid " + process.pid() + ") lost its connection ("
          + conn.closeReason() + "); stopping it");
      terminate(process);
    }
  }

  private void onExit(ChildProcess process, ExitStatus status) {
    boolean failed = status == null || status.failed();
    LOG.log(stopping || !failed ? System.Logger.Level.INFO : System.Logger.Level.WARNING, "plugin " + file.id()
        + " (pid " + process.pid() + ") " + (status == null ? "could not be waited for" : status.phrase()));
    if (connection != null && !connection.isClosed()) {
      connection.close("plugin process " + (status == null ? "ended" : status));
    }
    if (child == process) {
      child = null;
      if (failed) {
        scheduleRestart("it " + (status == null ? "ended" : status.phrase()));
      }
    }
  }

  private void scheduleRestart(String why) {
    if (stopping || restartTimer != -1 || child != null || options.getPluginRestart() != RestartPolicy.ON_FAILURE) {
      return;
    }
    Duration wait = backoff.next(startedAt == 0 ? null : Duration.ofNanos(System.nanoTime() - startedAt));
    LOG.log(System.Logger.Level.INFO, "restarting plugin " + file.id() + " in " + Durations.format(wait) + " because "
        + why + " (failure " + backoff.failuresInARow() + " in a row; pluginRestart: on-failure)");
    restartTimer = ctx.owner().setTimer(wait.toMillis(), t -> ctx.runOnContext(v -> {
      restartTimer = -1;
      if (!stopping) {
        launch();
      }
    }));
  }

  /** SIGTERM to its process group, SIGKILL after the grace period; completes once reaped. */
  private Future<Void> terminate(ChildProcess process) {
    process.signal(Native.SIGTERM);
    long timer = ctx.owner().setTimer(options.getShutdownGrace().toMillis(), t -> {
      if (process.isAlive()) {
        LOG.log(System.Logger.Level.WARNING, "plugin " + file.id() + " (pid " + process.pid() + ") still running "
            + Durations.format(options.getShutdownGrace()) + " after SIGTERM; sending SIGKILL");
        process.signal(Native.SIGKILL);
      }
    });
    return OnContext.on(ctx, process.exit()).andThen(ar -> ctx.owner().cancelTimer(timer)).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** From now on nothing is restarted and a dropped connection is expected. */
  @Override
  public void prepareStop() {
    stopping = true;
    if (restartTimer != -1) {
      ctx.owner().cancelTimer(restartTimer);
      restartTimer = -1;
    }
  }

  /** Closes the connection (the core has sent Shutdown already) and stops the process; completes once reaped. */
  @Override
  public Future<Void> stop() {
    prepareStop();
    if (connection != null) {
      connection.close("runtime shutting down");
    }
    return child == null ? Future.succeededFuture() : terminate(child);
  }
}
