package io.nrivertx.cri;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.Waiting;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the endpoint's JVM in the middle of a burst of crictl create/start calls: after a
 * restart on the same state directory every acknowledged container is there in the state that
 * was acknowledged, and every container there is whole (config, spec, state all present).
 */
class CrashRecoveryIT {
  private static final int CONTAINERS = 200;
  private static final int KILL_AFTER = 80;

  @Test
  void acknowledgedContainersSurviveKillNine() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "cri-crash-");
    Path cri = dir.resolve("run/cri.sock");
    Crictl crictl = new Crictl(cri);
    crictl.run("--version"); // build it before the clock matters
    CriChild server = CriChild.start(dir, "first");
    try {
      Path podCfg = Files.writeString(dir.resolve("pod.json"), new JsonObject().put("metadata", new JsonObject()
          .put("name", "burst").put("namespace", "default").put("uid", "uid-burst")).encode());
      String pod = crictl.run("runp", podCfg.toString()).ok();
      Set<String> created = ConcurrentHashMap.newKeySet();
      Set<String> started = ConcurrentHashMap.newKeySet();
      Map<String, String> names = new ConcurrentHashMap<>();
      AtomicInteger acked = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      for (int i = 0; i < CONTAINERS; i++) {
        String name = "c" + i;
        pool.submit(() -> {
          Path cfg = Files.writeString(dir.resolve(name + ".json"), new JsonObject()
              .put("metadata", new JsonObject().put("name", name)).put("image", new JsonObject().put("image", "busybox"))
              .put("command", new io.vertx.core.json.JsonArray().add("/bin/" + name)).encode());
          Crictl.Result c = crictl.run("create", pod, cfg.toString(), podCfg.toString());
          if (c.exit() == 0) {
            String id = c.out().trim();
            created.add(id);
            names.put(id, name);
            acked.incrementAndGet();
            if (crictl.run("start", id).exit() == 0) {
              started.add(id);
            }
          }
          return null;
        });
      }
      Waiting.until(() -> acked.get() >= KILL_AFTER, Duration.ofSeconds(120),
          () -> "only " + acked.get() + " containers acknowledged");
      server.close(); // SIGKILL
      pool.shutdown();
      assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "crictl calls did not end after the kill");
      assertTrue(created.size() >= KILL_AFTER && created.size() < CONTAINERS,
          "the kill must land inside the burst: " + created.size() + " created");

      server = CriChild.start(dir, "second");
      Map<String, String> states = new HashMap<>();
      for (Object o : crictl.run("ps", "-a", "-o", "json").json().getJsonArray("containers")) {
        JsonObject c = (JsonObject) o;
        states.put(c.getString("id"), c.getString("state"));
      }
      for (String id : created) {
        assertTrue(states.containsKey(id), "acknowledged container " + names.get(id) + " (" + id + ") lost");
      }
      for (String id : started) {
        assertEquals("CONTAINER_RUNNING", states.get(id), "acknowledged start of " + names.get(id) + " lost");
      }
      assertTrue(states.size() <= created.size() + 6, "at most the in-flight creates may be extra: " + states.size());
      for (String id : states.keySet()) {
        JsonObject inspect = crictl.run("inspect", id).json();
        String name = inspect.getJsonObject("status").getJsonObject("metadata").getString("name");
        assertEquals(List.of("/bin/" + name), inspect.getJsonObject("info").getJsonObject("runtimeSpec")
            .getJsonObject("process").getJsonArray("args").getList(), "container " + id + " is whole");
        assertEquals(pod, inspect.getJsonObject("info").getString("sandboxID"));
      }
      assertEquals(pod, crictl.run("pods", "-q").ok());
    } finally {
      server.close();
    }
  }
}
