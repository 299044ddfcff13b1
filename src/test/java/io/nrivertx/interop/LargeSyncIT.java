package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A node too large for one ttrpc message: Synchronize goes out in parts flagged "more". */
class LargeSyncIT {

  @Test
  void fiveThousandContainersWithFourKibAnnotationsReachAGoPlugin() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      String blob = "a".repeat(4096);
      for (int p = 0; p < 100; p++) {
        rt.domain.putPod(rt.pod("pod" + p, "pod" + p));
      }
      for (int c = 0; c < 5000; c++) {
        Container ctr = rt.container("ctr" + c, "pod" + (c % 100), "c" + c, ContainerState.CONTAINER_RUNNING)
            .toBuilder().putAnnotations("blob", blob).build();
        rt.domain.putContainer(ctr);
      }
      // Generous: the deadline covers all parts, and CI machines are small.
      NriRuntime nri = rt.start(new NriOptions().setRequestTimeout(Duration.ofSeconds(20)));
      List<JsonObject> audit = new CopyOnWriteArrayList<>();
      await(rt.vertx.eventBus().<JsonObject>consumer(nri.addresses().audit(), m -> audit.add(m.body())).completion());
      Path log = rt.file("sync.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-events", "CreateContainer", "-log-file", log.toString());
      rt.awaitPlugins(List.of("50-recorder"));

      JsonObject sync = new JsonLines(log).awaitEvent("Synchronize", Duration.ofSeconds(60));
      JsonArray ctrs = sync.getJsonArray("containers");
      assertEquals(5000, ctrs.size());
      assertEquals(100, sync.getJsonArray("pods").size());
      assertEquals("ctr4999", ctrs.getJsonObject(4999).getString("id"));
      assertTrue(blob.equals(ctrs.getJsonObject(1234).getJsonObject("annotations").getString("blob")));
      String detail = audit.stream().filter(r -> "synchronized".equals(r.getString("action")))
          .findFirst().orElseThrow().getString("detail");
      int messages = Integer.parseInt(detail.replaceAll(".*messages=", ""));
      assertTrue(messages >= 5, "20 MiB of state needs at least 5 messages of 4 MiB, sent " + detail);
    }
  }
}
