package io.nrivertx.runtime.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Time that moves only when a test says so: timers fire, on the core's context, when
 * {@link #advance} passes their due time. Timeouts and deadlines become exact and instant.
 */
final class FakeClock implements RuntimeClock {
  private record Timer(long dueNanos, long id, Runnable action) {
  }

  private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");
  private long nanos = 1_000_000_000L;
  private long nextId = 1;
  private final TreeMap<Long, Timer> timers = new TreeMap<>();
  private Context context;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant now() {
    return EPOCH.plusNanos(nanos);
  }

  @Override
  public synchronized long setTimer(long delayMillis, Runnable action) {
    if (context == null) {
      context = Vertx.currentContext(); // the core sets its timers on its own context
    }
    long id = nextId++;
    timers.put(id, new Timer(nanos + Math.max(1, delayMillis) * 1_000_000, id, action));
    return id;
  }

  @Override
  public synchronized void cancelTimer(long id) {
    timers.remove(id);
  }

  /** Timers waiting to fire. */
  synchronized int pending() {
    return timers.size();
  }

  /** Moves time on by {@code by}; completes once every timer that became due has run on the core. */
  Future<Void> advance(Duration by) {
    List<Timer> due = new ArrayList<>();
    Context where;
    synchronized (this) {
      nanos += by.toNanos();
      timers.values().stream().filter(t -> t.dueNanos() <= nanos)
          .sorted(java.util.Comparator.comparingLong(Timer::dueNanos).thenComparingLong(Timer::id))
          .forEach(due::add);
      due.forEach(t -> timers.remove(t.id()));
      where = context;
    }
    if (due.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> ran = Promise.promise();
    where.runOnContext(v -> {
      due.forEach(t -> t.action().run());
      ran.complete();
    });
    return ran.future();
  }
}
