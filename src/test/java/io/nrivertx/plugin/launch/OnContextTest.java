package io.nrivertx.plugin.launch;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The launcher's entry points run their work on its context, wherever they are called from. */
@ExtendWith(VertxExtension.class)
class OnContextTest {

  @Test
  void workCalledFromAnotherThreadRunsOnTheContext(Vertx vertx, VertxTestContext test) {
    Context ctx = vertx.getOrCreateContext();
    OnContext.run(ctx, () -> Future.succeededFuture(Vertx.currentContext()))
        .onComplete(test.succeeding(ran -> test.verify(() -> {
          assertSame(ctx, ran);
          test.completeNow();
        })));
  }

  @Test
  void workCalledOnTheContextRunsInline(Vertx vertx, VertxTestContext test) {
    Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> {
      Thread caller = Thread.currentThread();
      Future<Thread> ran = OnContext.run(ctx, () -> Future.succeededFuture(Thread.currentThread()));
      test.verify(() -> {
        assertSame(caller, ran.result(), "no hop: the result is there at once");
        test.completeNow();
      });
    });
  }
}
