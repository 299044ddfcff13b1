package io.nrivertx.cli;

import io.nrivertx.NriRuntime;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.Ops;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Vert.x instance of one command, with native transport (NRI plugins connect over a unix
 * socket, which Vert.x serves only natively). Waits here happen on the command's own thread,
 * never on an event loop, and are all bounded.
 */
final class VertxHost {
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;

  private VertxHost(Vertx vertx) {
    this.vertx = vertx;
  }

  /** @throws IllegalStateException when the native transport is unavailable (the message says why) */
  static VertxHost start() {
    return start(Ops.create(new MetricsOptions().setAddress("")));
  }

  /** A Vert.x reporting to {@code ops}'s registry, if it has one. */
  static VertxHost start(Ops ops) {
    Vertx vertx = ops.vertxBuilder(options()).build();
    if (!vertx.isNativeTransportEnabled()) {
      Throwable cause = vertx.unavailableNativeTransportCause();
      vertx.close();
      throw new IllegalStateException("the Vert.x native transport (epoll) is unavailable, and NRI plugins connect "
          + "over a unix socket that needs it" + (cause == null ? "" : ": " + cause));
    }
    return new VertxHost(vertx);
  }

  Vertx vertx() {
    return vertx;
  }

  /** The options every command's Vert.x is built with (sizes: docs/operations.md, "Footprint"). */
  static VertxOptions options() {
    return Ops.processVertxOptions();
  }

  int eventLoops() {
    return options().getEventLoopPoolSize();
  }

  /** Waits for {@code future} on the calling thread, at most {@code timeout}. */
  static <T> T await(Future<T> future, Duration timeout) throws TimeoutException, ExecutionException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted", e);
    }
  }

  /** A failure as one readable phrase; file-system errors otherwise print as a bare path. */
  static String describe(Throwable t) {
    Throwable e = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
    String reason = switch (e) {
      case NoSuchFileException x -> "no such file or directory";
      case AccessDeniedException x -> "permission denied";
      case FileSystemException x -> x.getReason();
      default -> null;
    };
    if (e instanceof FileSystemException fse) {
      return fse.getFile() + ": " + (reason != null ? reason : e.getClass().getSimpleName());
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * Closes the runtime (it removes its socket), then Vert.x; each step is bounded so a stuck
   * plugin connection cannot hold the process. Closing Vert.x undeploys whatever is still left.
   *
   * @return null when both closed in time, else what went wrong
   */
  String close(NriRuntime runtime) {
    return close(runtime == null ? null : runtime::close);
  }

  /** Runs {@code closer} (if any), then closes Vert.x, each bounded; null when all went well. */
  String close(java.util.function.Supplier<Future<Void>> closer) {
    StringBuilder problems = new StringBuilder();
    if (closer != null) {
      closeStep(closer.get(), "closing the runtime", problems);
    }
    closeStep(vertx.close(), "closing Vert.x", problems);
    return problems.isEmpty() ? null : problems.toString();
  }

  private static void closeStep(Future<Void> closing, String what, StringBuilder problems) {
    try {
      await(closing, CLOSE_TIMEOUT);
    } catch (TimeoutException e) {
      problems.append(problems.isEmpty() ? "" : "; ").append(what).append(" took longer than ")
          .append(CLOSE_TIMEOUT.toSeconds()).append(" s");
    } catch (ExecutionException e) {
      problems.append(problems.isEmpty() ? "" : "; ").append(what).append(" failed: ")
          .append(describe(e));
    }
  }
}
