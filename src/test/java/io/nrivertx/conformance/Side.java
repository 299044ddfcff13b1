package io.nrivertx.conformance;

import java.nio.file.Path;

/**
 * One of the two runs the harness compares: a runtime setup that plays a case with fresh plugin
 * processes and reports what happened. One case at a time per side; the harness runs both sides
 * of a case at once, each on its own socket.
 */
interface Side extends AutoCloseable {
  /** How reports name this side ("nri-vertx", "go", "relay", ...). */
  String name();

  /**
   * @param dir    this side's run directory (plugin configs and logs)
   * @param socket a fresh socket path this side may use (and derive others from)
   */
  Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket);

  @Override
  void close();
}
