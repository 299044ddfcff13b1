package io.nrivertx.plugin.launch;

import io.nrivertx.NriOptions;
import io.nrivertx.config.Durations;
import io.nrivertx.plugin.wasm.WasmModuleCache;
import io.nrivertx.plugin.wasm.WasmPlugin;
import io.vertx.core.Future;
import io.vertx.core.Context;
import java.time.Duration;

/**
 * One pre-installed WASM plugin across its loads: load the module into this JVM (off the event
 * loop), have it admitted with its drop-in configuration and, with {@code pluginRestart:
 * on-failure}, load it again after a growing delay when its instance broke (trap, exit, out of
 * memory, timeout) or it was not admitted.
 *
 * <p>Thread-safety: all state is confined to the launcher's context {@code ctx}.
 */
final class LaunchedWasm implements Launched {
  private static final System.Logger LOG = System.getLogger(LaunchedWasm.class.getName());

  private final Context ctx;
  private final PluginFile file;
  private final NriOptions options;
  private final PluginLauncher.Admission admission;
  private final Backoff backoff;
  private final WasmModuleCache modules;
  private WasmPlugin plugin;
  private boolean stopping;
  private long restartTimer = -1;
  private long startedAt;

  LaunchedWasm(Context ctx, PluginFile file, NriOptions options, PluginLauncher.Admission admission,
               WasmModuleCache modules) {
    this.modules = modules;
    this.ctx = ctx;
    this.file = file;
    this.options = options;
    this.admission = admission;
    this.backoff = new Backoff(options.getPluginRestartBackoff(), options.getPluginRestartBackoffMax());
  }

  @Override
  public Future<Void> launch() {
    startedAt = System.nanoTime();
    LOG.log(System.Logger.Level.INFO, "loading WASM plugin " + file.id() + " from " + file.path()
        + (file.configFile() == null ? ", no drop-in config" : ", config " + file.configFile()));
    return WasmPlugin.load(ctx, file.index(), file.name(), file.path(), options.getWasm(),
        modules, options.getRequestTimeout().toMillis()).compose(p -> {
          plugin = p;
          p.closeFuture().onComplete(ar -> ctx.runOnContext(v -> onClosed(p)));
          return admission.admit(p, file.config());
        }).onFailure(err -> {
          LOG.log(System.Logger.Level.WARNING, "WASM plugin " + file.id() + " not started: " + err.getMessage());
          if (plugin == null) {
            scheduleRestart("it could not be loaded");
          }
        });
  }

  private void onClosed(WasmPlugin p) {
    if (plugin == p) {
      plugin = null;
      scheduleRestart("it was closed (" + p.closeReason() + ")");
    }
  }

  private void scheduleRestart(String why) {
    if (stopping || restartTimer != -1 || plugin != null || options.getPluginRestart() != RestartPolicy.ON_FAILURE) {
      return;
    }
    Duration wait = backoff.next(Duration.ofNanos(System.nanoTime() - startedAt));
    LOG.log(System.Logger.Level.INFO, "reloading WASM plugin " + file.id() + " in " + Durations.format(wait) + " because "
        + why + " (failure " + backoff.failuresInARow() + " in a row; pluginRestart: on-failure)");
    restartTimer = ctx.owner().setTimer(wait.toMillis(), t -> ctx.runOnContext(v -> {
      restartTimer = -1;
      if (!stopping) {
        launch();
      }
    }));
  }

  @Override
  public void prepareStop() {
    stopping = true;
    if (restartTimer != -1) {
      ctx.owner().cancelTimer(restartTimer);
      restartTimer = -1;
    }
  }

  @Override
  public Future<Void> stop() {
    prepareStop();
    if (plugin != null) {
      plugin.close("runtime shutting down");
    }
    return Future.succeededFuture();
  }
}
