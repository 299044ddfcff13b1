package io.nrivertx.ops.health.impl;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Liveness: a task sent to every event loop runs. A loop blocked by a stuck handler never runs
 * it, the check misses its deadline and {@code /healthz} answers 503. The loops are reached
 * through the contexts of a probe verticle deployed with one instance per event loop (Vert.x
 * spreads instances over its loops round-robin).
 */
public final class EventLoopsCheck implements Handler<Promise<Status>> {
  private final List<Context> loops;

  private EventLoopsCheck(List<Context> loops) {
    this.loops = List.copyOf(loops);
  }

  public static Future<EventLoopsCheck> deploy(Vertx vertx, int eventLoops) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        contexts.add(context);
      }
    }, new DeploymentOptions().setInstances(eventLoops)).map(id -> new EventLoopsCheck(contexts));
  }

  @Override
  public void handle(Promise<Status> promise) {
    long start = System.nanoTime();
    List<Future<Void>> answers = new ArrayList<>();
    for (Context loop : loops) {
      Promise<Void> ran = Promise.promise();
      loop.runOnContext(v -> ran.complete());
      answers.add(ran.future());
    }
    Future.all(answers).onComplete(ar -> promise.tryComplete(Status.OK(new JsonObject()
        .put("eventLoops", loops.size()).put("answeredMs", (System.nanoTime() - start) / 1_000_000))));
  }
}
