package io.nrivertx.ops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.ops.health.impl.EventLoopsCheck;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Liveness over a watched Vert.x with one event loop, asked from a second Vert.x, so that the
 * check's own deadline timer keeps running while the watched loop is blocked.
 */
class EventLoopsCheckTest {
  private final Vertx watched = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
      .setBlockedThreadCheckInterval(60_000));
  private final Vertx asking = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    watched.close().await(10, TimeUnit.SECONDS);
    asking.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void upWhileTheLoopRunsDownWhenItIsBlocked() throws Exception {
    EventLoopsCheck check = EventLoopsCheck.deploy(watched, 1).await(10, TimeUnit.SECONDS);
    HealthChecks liveness = HealthChecks.create(asking).register("event-loops", 300, check);
    CheckResult up = liveness.checkStatus().await(10, TimeUnit.SECONDS);
    assertTrue(up.getUp(), up.toJson().encode());
    assertEquals(1, up.getChecks().get(0).getData().getInteger("eventLoops"));

    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    watched.runOnContext(v -> {
      blocked.countDown();
      try {
        release.await(60, TimeUnit.SECONDS); // a stuck handler, until the check has seen it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertTrue(blocked.await(10, TimeUnit.SECONDS));
    try {
      CheckResult down = liveness.checkStatus().await(10, TimeUnit.SECONDS);
      assertFalse(down.getUp(), down.toJson().encode());
    } finally {
      release.countDown();
    }
    assertTrue(liveness.checkStatus().await(10, TimeUnit.SECONDS).getUp(), "up again once the loop runs");
  }
}
