package io.nrivertx.bench;

import static io.nrivertx.bench.JavaHarness.await;

import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.bus.ProtoCodec;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench cases on nri-vertx, each the counterpart of benchrunner's (Go) case of the same name.
 * Events are sent through {@link io.nrivertx.NriRuntime#request} from a Vert.x context of the
 * driver's own, the next one from the previous one's completion, as an embedding Vert.x runtime
 * would: no thread blocks between events.
 */
final class JavaCases {
  private JavaCases() {
  }

  /** CreateContainer latency; a fresh request per event, built outside the timed section. */
  static JsonObject create(JavaHarness h, CreateContainerRequest tmpl, int warmup, int events) {
    Latencies lat = new Latencies(events);
    Usage[] before = new Usage[1];
    Promise<Void> done = Promise.promise();
    h.vertx.getOrCreateContext().runOnContext(v -> createStep(h, tmpl, 0, warmup, lat, before, done));
    await(done.future());
    JsonObject out = lat.toJson();
    Usage.now().since(before[0], events, out);
    return out;
  }

  private static void createStep(JavaHarness h, CreateContainerRequest tmpl, int i, int warmup,
                                 Latencies lat, Usage[] before, Promise<Void> done) {
    if (i == warmup + lat.capacity()) {
      done.complete();
      return;
    }
    if (i == warmup) {
      before[0] = Usage.now(); // a few hundred µs once, outside any timed event
    }
    CreateContainerRequest req = tmpl.toBuilder()
        .setContainer(tmpl.getContainer().toBuilder().setId("ctr-" + i)).build();
    long start = System.nanoTime();
    send(h, req).onComplete(ar -> {
      long took = System.nanoTime() - start;
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (i == 0 && ar.result().getAdjust().getAnnotationsCount() == 0) {
        done.fail("CreateContainer: no plugin adjusted the container: " + ar.result());
      } else {
        if (i >= warmup) {
          lat.add(took);
        }
        createStep(h, tmpl, i + 1, warmup, lat, before, done);
      }
    });
  }

  /**
   * Through {@code NriRuntime.request} (the direct path), or with {@code -Dbench.via=bus} through
   * the lifecycle address as a remote Java sender would, to see what the direct path saves.
   */
  private static Future<CreateContainerResponse> send(JavaHarness h, CreateContainerRequest req) {
    if (!"bus".equals(System.getProperty("bench.via"))) {
      return h.nri.request(PluginCall.CREATE_CONTAINER, req);
    }
    DeliveryOptions o = new DeliveryOptions().setCodecName(ProtoCodec.NAME)
        .addHeader(NriAddresses.EVENT_HEADER, PluginCall.CREATE_CONTAINER.method());
    return h.vertx.eventBus().<CreateContainerResponse>request(h.nri.addresses().lifecycle(), req, o)
        .map(io.vertx.core.eventbus.Message::body);
  }

  /** Whole pods from {@code clients} concurrent chains; pods per second after a warm-up. */
  static JsonObject lifecycle(JavaHarness h, CreateContainerRequest tmpl, int clients, int warmup, int pods) {
    Pods driver = new Pods(h, tmpl);
    round(h, driver, clients, warmup, "w");
    long start = System.nanoTime();
    round(h, driver, clients, pods, "m");
    double secs = (System.nanoTime() - start) / 1e9;
    return new JsonObject().put("pods", pods).put("clients", clients).put("seconds", secs)
        .put("podsPerSec", pods / secs).put("eventsPerSec", pods * (double) Pods.EVENTS_PER_POD / secs);
  }

  private static void round(JavaHarness h, Pods driver, int clients, int pods, String tag) {
    Context ctx = h.vertx.getOrCreateContext();
    List<Future<Void>> chains = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Promise<Void> chain = Promise.promise();
      int first = c;
      ctx.runOnContext(v -> podLoop(driver, first, clients, pods, tag, chain));
      chains.add(chain.future());
    }
    await(Future.all(chains));
  }

  private static void podLoop(Pods driver, int k, int step, int pods, String tag, Promise<Void> chain) {
    if (k >= pods) {
      chain.complete();
      return;
    }
    driver.onePod("pod-" + tag + "-" + k).onComplete(ar -> {
      if (ar.failed()) {
        chain.fail(ar.cause());
      } else {
        podLoop(driver, k + step, step, pods, tag, chain);
      }
    });
  }

  /**
   * Time from starting the adjusters at once to all of them registered and synchronized. As in
   * benchrunner, a plugin not admitted in time exits; then "registered" says how many made it
   * and "millis" is the time of the last one admitted.
   */
  static JsonObject sync(JavaHarness h, PluginProcesses plugins, Path adjuster, int count) throws Exception {
    long start = System.nanoTime();
    plugins.startAdjusters(adjuster, count);
    long took = 0;
    int seen = 0;
    while (true) {
      int n = await(h.nri.plugins()).size();
      if (n > seen) {
        seen = n;
        took = System.nanoTime() - start;
      }
      if (n == count || n + plugins.exited() >= count || System.nanoTime() - start > 60_000_000_000L) {
        break;
      }
      Thread.sleep(5);
    }
    return new JsonObject().put("millis", took / 1e6).put("pods", await(h.domain.listPods()).size())
        .put("containers", await(h.domain.listContainers()).size()).put("plugins", count).put("registered", seen);
  }

  /** Pods and containers (five per pod) already in the domain before any plugin connects. */
  static void fill(JavaHarness h, CreateContainerRequest tmpl, int pods, int perPod) {
    for (int k = 0; k < pods; k++) {
      String id = "pod-" + k;
      h.domain.putPod(Pods.pod(tmpl, id));
      for (int j = 0; j < perPod; j++) {
        h.domain.putContainer(Pods.container(tmpl, id, j).toBuilder()
            .setState(ContainerState.CONTAINER_RUNNING).build());
      }
    }
  }

  /** Pods with {@code perPod} containers created and started through the plugins, then RSS and live heap. */
  static JsonObject memory(JavaHarness h, CreateContainerRequest tmpl, int pods, int perPod) throws Exception {
    Pods driver = new Pods(h, tmpl);
    for (int k = 0; k < pods; k++) {
      await(driver.runAndStart("pod-" + k, perPod));
    }
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    if (System.getProperty("bench.smaps") != null) {
      // For footprint work: where the resident memory is, mapping by mapping (docs/operations.md).
      Files.copy(Path.of("/proc/self/smaps"), Path.of(System.getProperty("bench.smaps")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return new JsonObject().put("rssMiB", rssKiB() / 1024.0).put("heapMiB", heap / (double) (1 << 20))
        .put("pods", await(h.domain.listPods()).size()).put("containers", await(h.domain.listContainers()).size());
  }

  static long rssKiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).replace("kB", "").trim());
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

}
