package io.nrivertx.observe;

import io.nrivertx.runtime.LifecycleException;
import java.time.Duration;

/**
 * How a lifecycle event ended.
 *
 * @param failure null when the event succeeded, else why it failed (its {@code kind()} is the
 *     outcome to label metrics with)
 * @param duration from acceptance to answer, waiting for the pod's earlier events included
 */
public record EventEnd(String operation, LifecycleException failure, Duration duration) {
  public boolean ok() {
    return failure == null;
  }

  /** "ok" or the failure's kind in lower case ("refused", "deadline_exceeded", ...). */
  public String outcome() {
    return failure == null ? "ok" : failure.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
