package io.nrivertx.stub.samples;

import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.ExecutionException;

/**
 * Runs a sample plugin as a program: its own Vert.x (native transport), the plugin started from
 * the command line, then waiting until it stops. Exit codes follow NRI's Go samples: 0 after a
 * Shutdown or -help, 1 when the plugin fails or loses its connection, 2 for a bad command line.
 */
final class SampleRunner {

  /** Starts a sample on {@code vertx}; the options carry what the caller fixes (environment...). */
  @FunctionalInterface
  interface Starter {
    Future<Stub> start(Vertx vertx, StubOptions base, String... args);
  }

  private SampleRunner() {
  }

  static int run(String program, Starter starter, String... args) {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    try {
      Stub stub = await(starter.start(vertx, new StubOptions(), args));
      await(stub.stopped());
      return 0;
    } catch (GoFlags.HelpRequested help) {
      System.err.print(help.getMessage());
      return 0;
    } catch (IllegalArgumentException bad) {
      System.err.println(bad.getMessage());
      return 2;
    } catch (RuntimeException failed) {
      System.err.println(program + ": plugin exited: " + failed.getMessage());
      return 1;
    } finally {
      try {
        await(vertx.close());
      } catch (RuntimeException ignored) {
        // exiting anyway
      }
    }
  }

  /** Blocks the calling (main) thread; never called on an event loop. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * The stub options a sample runs with: its executable name (NRI's last identity fallback) and
   * whatever of -name, -idx and the socket flag was given; empty flags leave the stub's rules alone.
   */
  static StubOptions identity(StubOptions base, GoFlags flags, String executable, String socketFlag) {
    StubOptions options = new StubOptions(base);
    if (options.getExecutableName() == null) {
      options.setExecutableName(executable);
    }
    if (flags.has("name") && !flags.get("name").isEmpty()) {
      options.setName(flags.get("name"));
    }
    if (!flags.get("idx").isEmpty()) {
      options.setIndex(flags.get("idx"));
    }
    if (!flags.get(socketFlag).isEmpty()) {
      options.setSocketPath(flags.get(socketFlag));
    }
    return options;
  }
}
