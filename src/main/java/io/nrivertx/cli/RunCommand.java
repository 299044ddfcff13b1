package io.nrivertx.cli;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.config.ConfigException;
import io.nrivertx.cri.CriOptions;
import io.nrivertx.cri.CriServer;
import io.vertx.core.Future;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import io.nrivertx.config.NriConfig;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.ops.Ops;
import io.nrivertx.ops.logging.LogSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nri-vertx run}: serves plugins over an in-memory domain until SIGTERM or SIGINT. The
 * shutdown hook closes the runtime (which removes the socket) and Vert.x, bounded, so a stale
 * socket is not left behind for the next start.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = {"Starts the NRI runtime side and a CRI endpoint (crictl-compatible, simulated containers,",
        "state kept in --state-dir) over the k8s.io domain, and serves plugins until SIGTERM or SIGINT.",
        "With --no-cri it serves plugins over an in-memory domain only.",
        "On a signal it closes every plugin connection and removes the sockets; the exit status is then 128+signal."})
final class RunCommand implements Callable<Integer> {
  static {
    // As early as picocli builds the command model, while java.util.logging is not initialized yet.
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownLogManager.NAME);
    }
  }

  @Mixin
  ConfigOptions config;

  @Option(names = "--cri-socket", paramLabel = "PATH",
      description = "Unix socket of the CRI endpoint (default: ${DEFAULT-VALUE}); its directory is created 0700.")
  String criSocket = new CriOptions().getSocketPath();

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where the CRI endpoint journals its pods, containers and images (default: ${DEFAULT-VALUE}).")
  String stateDir = new CriOptions().getStateDir();

  @Option(names = "--no-cri", description = "Serve NRI plugins only, over an in-memory domain, without a CRI endpoint.")
  boolean noCri;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NriConfig cfg;
    try {
      cfg = config.resolve();
    } catch (ConfigException e) {
      err.println("nri-vertx run: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    cfg.notes().forEach(n -> err.println("nri-vertx run: note: " + n));
    if (cfg.disabled()) {
      // containerd's `disable = true`: NRI is off, which is a valid state, not an error.
      out.println("NRI is disabled (disable: true, from " + cfg.setting("disable").source() + "); nothing to run");
      out.flush();
      err.flush();
      return 0;
    }
    LogSetup.apply(cfg.logging());
    Ops ops = Ops.create(cfg.metrics(), cfg.tracing());
    VertxHost host;
    try {
      host = VertxHost.start(ops);
    } catch (IllegalStateException e) {
      err.println("nri-vertx run: " + e.getMessage());
      return Main.FAILED;
    }
    NriOptions options = cfg.options().setObserver(ops.observer());
    // The endpoint starts beside the runtime, not before it: start-up to accepting plugins does
    // not wait for it, and /readyz answers "not started yet" until the runtime is up.
    Future<Ops> opsStarted = ops.start(host.vertx(), host.eventLoops(), OpsWiring.mustServe(cfg));
    AtomicReference<NriRuntime> runtime = new AtomicReference<>();
    AtomicReference<Path> criPath = new AtomicReference<>();
    OpsWiring.runChecks(ops.health(), host.vertx(), cfg, runtime, criPath, !noCri);
    // The hook exists before the runtime starts: a SIGTERM that arrives while plugins are being
    // launched or the socket is being created still stops them and removes it (closing Vert.x
    // undeploys whatever part of the runtime exists).
    AtomicReference<Supplier<Future<Void>>> started = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      String problem = host.close(started.get());
      ops.close();
      if (problem != null) {
        err.println("nri-vertx run: unclean shutdown: " + problem);
        err.flush();
      }
      closed.countDown();
      java.util.logging.LogManager.getLogManager().reset(); // what the JDK's hook was kept from doing
    }, "nri-vertx-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    CriServer cri = null;
    try {
      if (noCri) {
        NriRuntime nri = VertxHost.await(NriRuntime.deploy(host.vertx(), options,
            new InMemoryDomain(cfg.namespace())), VertxHost.START_TIMEOUT);
        started.set(nri::close);
        runtime.set(nri);
      } else {
        CriOptions criOptions = new CriOptions().setSocketPath(criSocket).setStateDir(stateDir);
        if (ops.metrics() != null) {
          criOptions.setCallObserver(ops.metrics().criCalls());
        }
        cri = VertxHost.await(CriServer.start(host.vertx(), options, criOptions), VertxHost.START_TIMEOUT);
        started.set(cri::close);
        runtime.set(cri.nri());
        criPath.set(Path.of(criSocket));
      }
      VertxHost.await(opsStarted, VertxHost.START_TIMEOUT);
    } catch (TimeoutException | ExecutionException e) {
      String why = e instanceof TimeoutException ? "no answer within " + VertxHost.START_TIMEOUT.toSeconds() + " s"
          : VertxHost.describe(e);
      // A journal problem names the journal (the message says which file and what to do), not the NRI socket.
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      err.println(cause instanceof io.nrivertx.cri.CriStateException ? "nri-vertx run: cannot open the CRI state in "
          + Path.of(stateDir).toAbsolutePath() + ": " + why
          : "nri-vertx run: cannot start" + (opsStarted.failed() ? "" : " on " + options.getSocketPath()) + ": " + why);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        return Main.FAILED; // the hook is closing everything already
      }
      host.close((Supplier<Future<Void>>) null);
      return Main.FAILED;
    }
    out.println(Main.versionLine());
    out.println(options.isDisableConnections() ? "plugin connections disabled (disableConnections: true)"
        : "serving NRI plugins on " + Path.of(options.getSocketPath()).toAbsolutePath()
        + " (namespace " + (cri == null ? cfg.namespace() : "k8s.io") + "); stop with SIGTERM or SIGINT");
    if (cri != null) {
      String sock = Path.of(criSocket).toAbsolutePath().toString();
      out.println("CRI endpoint on " + sock + " (state in " + Path.of(stateDir).toAbsolutePath() + ")");
      out.println("try: crictl -r unix://" + sock + " -i unix://" + sock + " pods");
    }
    String endpoint = OpsWiring.describe(ops, () -> cfg.metrics().isEnabled()
        ? "no operations endpoint: " + cfg.metrics().getAddress() + " is taken (see the log)" : null);
    if (endpoint != null) {
      out.println(endpoint);
    }
    if (options.getPluginPath() != null) {
      out.println("pre-installed plugins from " + options.getPluginPath() + " (drop-in config "
          + options.getPluginConfigPath() + ")");
    }
    out.flush();
    awaitUninterruptibly(closed);
    return 0;
  }

  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
