package io.nrivertx.plugin.launch;

import io.vertx.core.Future;

/** One pre-installed plugin as the launcher drives it: a process (LaunchedPlugin) or a WASM module (LaunchedWasm). */
interface Launched {
  /** One launch, on the launcher's context: completes once admitted; fails when it did not get that far. */
  Future<Void> launch();

  /** From now on nothing is restarted. */
  void prepareStop();

  /** Closes the plugin and whatever runs it; completes once it is gone. */
  Future<Void> stop();
}
