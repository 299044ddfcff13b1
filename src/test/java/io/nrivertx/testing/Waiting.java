package io.nrivertx.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waiting for a condition in tests, never for a fixed time: Awaitility re-checks the condition
 * (every 20 ms) until it holds, and fails with what was last seen when the timeout passes first.
 */
public final class Waiting {
  private static final Duration POLL = Duration.ofMillis(20);

  private Waiting() {
  }

  /**
   * Waits until {@code value}'s result satisfies {@code ok}; returns that result.
   *
   * @param describe what to say about the last value seen when the condition never held
   */
  public static <T> T until(Supplier<T> value, Predicate<T> ok, Duration timeout, Function<T, String> describe) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
          .until(() -> {
            T v = value.get();
            last.set(v);
            return v;
          }, ok::test);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(describe.apply(last.get()), e);
    }
  }

  /**
   * As {@link #until(Supplier, Predicate, Duration, Function)}, but gives up as soon as
   * {@code hopeless} holds (the process that should answer has exited, say) instead of waiting out
   * the timeout.
   */
  public static <T> T until(Supplier<T> value, Predicate<T> ok, BooleanSupplier hopeless, Duration timeout,
      Function<T, String> describe) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
          .failFast(hopeless::getAsBoolean)
          .until(() -> {
            T v = value.get();
            last.set(v);
            return v;
          }, ok::test);
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new AssertionError(describe.apply(last.get()), e);
    }
  }

  /**
   * Checks that {@code condition} keeps holding for {@code during} (a negative assertion: nothing
   * happens); fails as soon as it does not.
   */
  public static void holds(BooleanSupplier condition, Duration during, Supplier<String> what) {
    try {
      Awaitility.await().during(during).atMost(during.plus(during)).pollInterval(POLL)
          .until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what.get(), e);
    }
  }

  /** Waits until {@code condition} holds; fails with {@code what} otherwise. */
  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    until(condition::getAsBoolean, ok -> ok, timeout, ok -> what.get());
  }
}
