package io.nrivertx.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Inbound bytes that all the plugin connections of one runtime may hold at once in partly received
 * frames and messages. A frame is admitted against it as soon as its header announces its length,
 * before any of its payload is buffered; a peer whose frame does not fit is cut (NRI's Go mux would
 * allocate whatever is announced). One per runtime instance, never static.
 *
 * <p>Thread-safety: safe for use from any thread (connections live on several event loops).
 */
public final class InboundBudget {
  /**
   * Default for a runtime: eight maximum messages in flight at once (32 MiB), well inside the
   * direct memory nri-vertx ships with (conf/jvm.options: 64 MiB), where Netty keeps these bytes.
   */
  public static final long DEFAULT_LIMIT = 8L * WireLimits.MAX_MUX_FRAME;

  private final long limit;
  private final AtomicLong used = new AtomicLong();

  public InboundBudget(long limit) {
    if (limit < WireLimits.MAX_MUX_FRAME) {
      throw new IllegalArgumentException("an inbound budget must hold at least one maximum message ("
          + WireLimits.MAX_MUX_FRAME + " bytes): " + limit);
    }
    this.limit = limit;
  }

  /** No shared limit (a plugin talking to its runtime; tests). */
  public static InboundBudget unlimited() {
    return new InboundBudget(Long.MAX_VALUE);
  }

  /** Takes {@code n} bytes if they fit; false (and nothing taken) otherwise. */
  public boolean tryReserve(long n) {
    long now;
    do {
      now = used.get();
      if (now + n > limit) {
        return false;
      }
    } while (!used.compareAndSet(now, now + n));
    return true;
  }

  /** Counts bytes already admitted under another reservation (moved, not added). */
  void add(long n) {
    used.addAndGet(n);
  }

  public void release(long n) {
    used.addAndGet(-n);
  }

  /** Bytes held right now. */
  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }
}
