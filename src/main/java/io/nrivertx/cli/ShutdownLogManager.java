package io.nrivertx.cli;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager for {@code nri-vertx run}. The JDK's own shutdown hook resets every
 * log handler, racing run's hook, which stops plugins (Shutdown, SIGTERM, reaping) and logs what
 * it does: without this, exactly those lines were lost. The reset asked for by the JDK's hook is
 * skipped; run's hook resets at its very end instead.
 */
public final class ShutdownLogManager extends LogManager {
  private static final String JDK_CLEANER = "java.util.logging.LogManager$Cleaner";

  /** Its name, for the system property: naming the class itself would initialize LogManager too early. */
  static final String NAME = "io.nrivertx.cli.ShutdownLogManager";

  @Override
  public void reset() {
    if (!Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
      super.reset();
    }
  }
}
