package io.nrivertx.plugin.launch;

import io.nrivertx.NriOptions;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginConnection;
import io.nrivertx.plugin.wasm.WasmModuleCache;
import io.vertx.core.Future;
import io.vertx.core.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-installed plugins of one runtime: found in {@code pluginPath} at start, launched (or, for
 * WASM modules, loaded into this JVM) all at once (a slow one delays nobody), and stopped together. The runtime listens on its socket only
 * after {@link #start} completed, as NRI synchronizes pre-installed plugins before it accepts
 * external ones.
 *
 * <p>Thread-safety: create on the runtime's context {@code ctx}; {@link #start}, {@link #prepareStop} and
 * {@link #stop} move onto it when called elsewhere, and all state is touched there only.
 */
public final class PluginLauncher {
  private static final System.Logger LOG = System.getLogger(PluginLauncher.class.getName());
  /** Logger of the launched plugins' stdout and stderr, one record per line; route or filter it by this name. */
  public static final String OUTPUT_LOGGER = "io.nrivertx.plugin.output";

  /** Configures and synchronizes a registered plugin with its drop-in configuration. */
  @FunctionalInterface
  public interface Admission {
    Future<Void> admit(Plugin plugin, String config);
  }

  private final Context ctx;
  private final NriOptions options;
  private final Admission admission;
  private final PluginConnection.UpdateHandler updates;
  private final List<Launched> plugins = new ArrayList<>();
  private final WasmModuleCache modules = new WasmModuleCache();

  public PluginLauncher(Context ctx, NriOptions options, Admission admission,
                        PluginConnection.UpdateHandler updates) {
    this.ctx = ctx;
    this.options = new NriOptions(options);
    this.admission = admission;
    this.updates = updates;
  }

  /** Finds the plugins (off the event loop); fails on a badly named executable, before anything starts. */
  public Future<List<PluginFile>> discover() {
    Path dir = options.getPluginPath() == null ? null : Path.of(options.getPluginPath());
    Path conf = options.getPluginConfigPath() == null ? null : Path.of(options.getPluginConfigPath());
    return ctx.executeBlocking(() -> PluginDiscovery.scan(dir, conf), false);
  }

  /**
   * Launches {@code files}; completes when each has been admitted or has failed (a failure is
   * logged and skips that plugin, as in NRI; with on-failure restarts it is retried later).
   */
  public Future<Void> start(List<PluginFile> files) {
    return OnContext.run(ctx, () -> launch(files));
  }

  private Future<Void> launch(List<PluginFile> files) {
    List<Future<Void>> launches = new ArrayList<>();
    for (PluginFile file : files) {
      Launched plugin = file.wasm() ? new LaunchedWasm(ctx, file, options, admission, modules)
          : new LaunchedPlugin(ctx, file, options, admission, updates);
      plugins.add(plugin);
      launches.add(plugin.launch().recover(err -> {
        LOG.log(System.Logger.Level.WARNING, "pre-installed plugin " + file.id() + " skipped: " + err.getMessage());
        return Future.succeededFuture();
      }));
    }
    return Future.join(launches).mapEmpty();
  }

  /** Stops restarts; call before the core closes the plugins' connections. */
  public void prepareStop() {
    OnContext.run(ctx, () -> {
      plugins.forEach(Launched::prepareStop);
      return Future.succeededFuture();
    });
  }

  /** SIGTERM, then SIGKILL after the grace period; completes when every child is reaped. */
  public Future<Void> stop() {
    return OnContext.run(ctx, () -> Future.join(plugins.stream().map(Launched::stop).toList()).mapEmpty());
  }
}
