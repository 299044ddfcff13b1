package io.nrivertx.runtime.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plugins synchronized one after another from the same objects get the same message (built and
 * serialized once); a changed container makes a new one; the kept messages go once syncs stop.
 */
@ExtendWith(VertxExtension.class)
class SyncChunksTest {
  private static SynchronizeRequest sync(FakePlugin p) {
    return p.calls().stream().filter(c -> c.method().equals("Synchronize"))
        .map(c -> (SynchronizeRequest) c.request()).findFirst().orElseThrow();
  }

  private static Container ctr(String id, String value) {
    return Container.newBuilder().setId(id).setPodSandboxId("p").setState(ContainerState.CONTAINER_RUNNING)
        .putAnnotations("v", value).build();
  }

  @Test
  void theSameStateIsOneMessageForEveryPlugin(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a");
    FakePlugin b = new FakePlugin("11", "b");
    FakePlugin c = new FakePlugin("12", "c");
    try (CoreFixture f = CoreFixture.start(vertx)) {
      f.domain.putPod(PodSandbox.newBuilder().setId("p").build());
      for (int i = 0; i < 100; i++) {
        f.domain.putContainer(ctr("c" + i, "one"));
      }
      f.admit(a, b);
      SyncChunks chunks = f.core.synchronizer().chunks();
      assertSame(sync(a), sync(b), "one message built for both");
      assertEquals(1, chunks.reused());

      f.domain.putContainer(ctr("c7", "two"));
      f.admit(c);
      assertNotSame(sync(a), sync(c), "a container changed in between");
      assertEquals("two", sync(c).getContainersList().stream().filter(x -> x.getId().equals("c7")).findFirst()
          .orElseThrow().getAnnotationsOrThrow("v"));
      assertEquals(1, chunks.reused());
      assertEquals(2, chunks.kept());

      f.advance(Duration.ofMillis(SyncChunks.KEEP_MILLIS));
      assertEquals(0, chunks.kept(), "released once no sync followed");
    }
  }
}
