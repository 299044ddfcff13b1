package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.domain.InMemoryDomain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runtime core with no socket and nothing launched, on a {@link FakeClock}, serving an
 * in-memory domain; its plugins are {@link FakePlugin}s admitted directly. Audit records are
 * collected as they are published.
 */
final class CoreFixture implements AutoCloseable {
  private static int instances;
  final Vertx vertx;
  final FakeClock clock = new FakeClock();
  final InMemoryDomain domain = new InMemoryDomain("k8s.io");
  private final List<JsonObject> audit = new ArrayList<>();
  final NriRuntime nri;
  final RuntimeCore core;

  private CoreFixture(Vertx vertx, NriOptions options) {
    this.vertx = vertx;
    String prefix = "core-test-" + (++instances);
    await(vertx.eventBus().<JsonObject>consumer(prefix + ".audit", m -> {
      synchronized (audit) {
        audit.add(m.body());
        audit.notifyAll();
      }
    }).completion());
    NriOptions o = new NriOptions(options).setBusPrefix(prefix).setDisableConnections(true).setPluginPath(null);
    this.nri = await(RuntimeVerticle.deploy(vertx, o, domain, clock));
    this.core = ((RuntimeHandle) nri).core();
  }

  static CoreFixture start(Vertx vertx) {
    return new CoreFixture(vertx, new NriOptions());
  }

  static CoreFixture start(Vertx vertx, NriOptions options) {
    return new CoreFixture(vertx, options);
  }

  /** Admits the plugins in turn (Configure, Synchronize) and returns once all receive events. */
  CoreFixture admit(FakePlugin... plugins) {
    for (FakePlugin p : plugins) {
      await(core.admit(p));
    }
    return this;
  }

  /** Audit records of one kind ("event", "plugin", ...) received so far. */
  List<JsonObject> audit(String kind) {
    synchronized (audit) {
      return audit.stream().filter(r -> kind.equals(r.getString("kind"))).toList();
    }
  }

  /** Waits (at most 10 s) until {@code count} records of {@code kind} arrived; returns the last. */
  JsonObject awaitAudit(String kind, int count) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (audit) {
      while (audit(kind).size() < count) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("no " + count + " audit records of kind " + kind + " within 10 s: " + audit);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(audit, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return audit(kind).getLast();
    }
  }

  /** Waits for the future (never longer than 10 s) and returns its result or throws its failure. */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("not completed within 10 s", e);
    }
  }

  /** Advances the fake clock and waits until what became due has run. */
  void advance(Duration by) {
    await(clock.advance(by));
  }

  @Override
  public void close() {
    await(nri.close());
  }
}
