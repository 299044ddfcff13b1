package io.nrivertx.scenario;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.domain.InMemoryDomain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** Runs a scenario on a runtime of its own: seed a fresh domain, deploy, play, close. */
public final class Scenarios {
  private Scenarios() {
  }

  /**
   * Deploys an nri-vertx runtime with {@code options} over a new in-memory domain holding the
   * scenario's pods and containers, plays the scenario, and closes the runtime (removing its
   * socket) whatever happened.
   */
  public static Future<ScenarioResult> play(Vertx vertx, NriOptions options, String namespace, ScenarioFile file,
                                            Consumer<JsonObject> out) {
    InMemoryDomain domain = new InMemoryDomain(namespace);
    ScenarioRunner.seed(file, domain);
    return NriRuntime.deploy(vertx, options, domain).compose(runtime -> new ScenarioRunner(runtime, domain, out)
        .run(file)
        .eventually(runtime::close));
  }
}
