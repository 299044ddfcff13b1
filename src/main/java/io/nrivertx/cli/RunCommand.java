package io.nrivertx.cli;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.config.ConfigException;
import io.nrivertx.config.NriConfig;
import io.nrivertx.domain.InMemoryDomain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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
    description = {"Starts the NRI runtime side with an in-memory domain and serves plugins until SIGTERM or SIGINT.",
        "On a signal it closes every plugin connection and removes the socket; the exit status is then 128+signal."})
final class RunCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions config;

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
    VertxHost host;
    try {
      host = VertxHost.start();
    } catch (IllegalStateException e) {
      err.println("nri-vertx run: " + e.getMessage());
      return Main.FAILED;
    }
    NriOptions options = cfg.options();
    NriRuntime runtime;
    try {
      runtime = VertxHost.await(NriRuntime.deploy(host.vertx(), options, new InMemoryDomain(cfg.namespace())),
          VertxHost.START_TIMEOUT);
    } catch (TimeoutException | ExecutionException e) {
      String why = e instanceof TimeoutException ? "no answer within " + VertxHost.START_TIMEOUT.toSeconds() + " s"
          : VertxHost.describe(e);
      err.println("nri-vertx run: cannot start on " + options.getSocketPath() + ": " + why);
      host.close(null);
      return Main.FAILED;
    }
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      String problem = host.close(runtime);
      if (problem != null) {
        err.println("nri-vertx run: unclean shutdown: " + problem);
        err.flush();
      }
      closed.countDown();
    }, "nri-vertx-shutdown"));
    out.println(Main.versionLine());
    out.println(options.isDisableConnections() ? "plugin connections disabled (disableConnections: true)"
        : "serving NRI plugins on " + Path.of(options.getSocketPath()).toAbsolutePath()
        + " (namespace " + cfg.namespace() + "); stop with SIGTERM or SIGINT");
    out.flush();
    awaitUninterruptibly(closed);
    return 0;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
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
