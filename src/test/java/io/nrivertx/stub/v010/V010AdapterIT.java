package io.nrivertx.stub.v010;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxNamespace;
import io.nrivertx.api.LinuxPodSandbox;
import io.nrivertx.api.PodSandbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The adapter's handlers running real v0.1 plugins (shell scripts), without a runtime. */
class V010AdapterIT {
  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final V010Plugins v010 = new V010Plugins();

  private final PodSandbox pod = PodSandbox.newBuilder().setId("pod1").setName("web").setNamespace("default")
      .setPid(100).putLabels("app", "web")
      .setLinux(LinuxPodSandbox.newBuilder().setCgroupsPath("/kubepods/pod1")
          .addNamespaces(LinuxNamespace.newBuilder().setType("network").setPath("/var/run/netns/x")))
      .build();
  private final Container ctr = Container.newBuilder().setId("ctr1").setPodSandboxId("pod1").setName("nginx")
      .setPid(200).putAnnotations("qos.class", "ls")
      .setLinux(LinuxContainer.newBuilder().setCgroupsPath("/kubepods/pod1/ctr1")).build();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Calls a handler on a Vert.x context, as the stub does, and waits for it. */
  private <T> T call(Supplier<Future<T>> handler) throws Exception {
    return Future.<T>future(p -> context.runOnContext(v -> handler.get().onComplete(p)))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private Throwable failure(Supplier<Future<?>> handler) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> call(handler::get));
    return e.getCause();
  }

  @Test
  void podAndContainerEventsRunTheChainInOrderWithEachPluginSeeingEarlierResults() throws Exception {
    v010.install("recorder", "rec-a").install("recorder", "rec-b").configure("rec-a", "rec-b");
    V010Adapter adapter = new V010Adapter(vertx, v010.options());
    call(() -> adapter.runPodSandbox(pod));
    call(() -> adapter.startContainer(pod, ctr));
    call(() -> adapter.stopContainer(pod, ctr));
    call(() -> adapter.stopPodSandbox(pod));

    List<JsonObject> calls = v010.calls();
    assertEquals(8, calls.size(), calls.toString());
    assertEquals(new JsonObject("""
        {"conf":{"name":"rec-a"},"version":"0.1","state":"create","id":"pod1","sandboxID":"pod1","pid":100,
         "spec":{"resources":null,"namespaces":{"network":"/var/run/netns/x"},"cgroupsPath":"/kubepods/pod1"},
         "labels":{"app":"web"}}"""), calls.get(0));
    assertEquals(new JsonObject("""
        {"conf":{"name":"rec-b"},"version":"0.1","state":"create","id":"ctr1","sandboxID":"pod1","pid":200,
         "spec":{"resources":null,"cgroupsPath":"/kubepods/pod1/ctr1","annotations":{"qos.class":"ls"}},
         "labels":{"app":"web"},
         "results":[{"plugin":"rec-a","version":"0.1","error":"","metadata":{"arg":"invoke","state":"create"}}]}"""),
        calls.get(3), "the second plugin sees the first one's result; plugins are run as `TYPE invoke`");
    assertEquals(List.of("pod1/create", "pod1/create", "ctr1/create", "ctr1/create", "ctr1/delete", "ctr1/delete",
        "pod1/delete", "pod1/delete"), calls.stream().map(c -> c.getString("id") + "/" + c.getString("state")).toList());
    assertEquals(List.of("rec-a", "rec-b", "rec-a", "rec-b", "rec-a", "rec-b", "rec-a", "rec-b"),
        calls.stream().map(c -> c.getJsonObject("conf").getString("name")).toList());
  }

  @Test
  void anErrorFailsTheEventAndEndsTheChainExceptOnStopContainer() throws Exception {
    v010.install("failer", "failer").install("recorder", "rec").configure("failer", "rec");
    V010Adapter adapter = new V010Adapter(vertx, v010.options());
    assertEquals("plugin: failer: failer refuses this request", failure(() -> adapter.runPodSandbox(pod)).getMessage());
    assertEquals("plugin: failer: failer refuses this request",
        failure(() -> adapter.startContainer(pod, ctr)).getMessage());
    assertEquals("plugin: failer: failer refuses this request", failure(() -> adapter.stopPodSandbox(pod)).getMessage());
    assertNotNull(call(() -> adapter.stopContainer(pod, ctr)), "logged only: a stop cannot be undone");
    assertEquals(List.of(), v010.calls(), "the chain ends at the first error");
  }

  @Test
  void aNonZeroExitIsToleratedWhenStdoutHoldsAResultButNotOtherwise() throws Exception {
    v010.install("exit3", "exit3").install("recorder", "rec").configure("exit3", "rec");
    V010Adapter adapter = new V010Adapter(vertx, v010.options());
    call(() -> adapter.runPodSandbox(pod));
    assertEquals("exit3", v010.calls().get(0).getJsonArray("results").getJsonObject(0).getString("plugin"));

    v010.install("garbage", "garbage").configure("garbage");
    String message = failure(() -> adapter.startContainer(pod, ctr)).getMessage();
    assertTrue(message.startsWith("plugin: garbage: invalid output \"this is not JSON\" (exit status 2): "
        + "not a JSON result"), message);
  }

  @Test
  void aMissingPluginOrConfigurationIsReportedAndNoConfigurationMeansNothingToRun() throws Exception {
    V010Adapter adapter = new V010Adapter(vertx, v010.options());
    assertNull(call(() -> adapter.runPodSandbox(pod)), "no conf.json: no plugins, as in NRI");
    v010.configure("nowhere");
    String message = failure(() -> adapter.runPodSandbox(pod)).getMessage();
    assertTrue(message.startsWith("plugin: nowhere: executable file not found in "), message);
    assertTrue(message.contains(v010.bin.toString()), message);
    Files.writeString(v010.conf, "{\"plugins\": [{}]}");
    assertEquals("invalid NRI v0.1 configuration " + v010.conf + ": plugins[0] needs a \"type\" naming the plugin binary",
        failure(() -> adapter.runPodSandbox(pod)).getMessage());
  }

  @Test
  void aHungPluginIsKilledWithItsChildrenAndTheEventFailsInTime() throws Exception {
    v010.install("hang", "hang").install("recorder", "rec").configure("hang", "rec");
    V010Adapter adapter = new V010Adapter(vertx, v010.options().setTimeout(Duration.ofMillis(700)));
    long start = System.nanoTime();
    String message = failure(() -> adapter.runPodSandbox(pod)).getMessage();
    long took = (System.nanoTime() - start) / 1_000_000;
    assertTrue(message.startsWith("plugin: hang: no result within "), message);
    assertTrue(took >= 600 && took < 5000, "failed after " + took + " ms");
    long[] pids = Arrays.stream(Files.readString(v010.bin.resolve("hang.pids")).strip().split(" "))
        .mapToLong(Long::parseLong).toArray();
    for (long pid : pids) {
      assertFalse(running(pid), "process " + pid + " of the hung plugin still runs");
    }
    assertEquals(List.of(), v010.calls(), "the chain stopped at the hung plugin");
  }

  @Test
  void theDefaultTimeoutIsThreeQuartersOfTheRuntimesRequestTimeout() throws Exception {
    V010Adapter adapter = new V010Adapter(vertx, v010.options());
    assertEquals(Duration.ofMillis(1500), adapter.timeout(), "before Configure: NRI's default 2 s");
    call(() -> adapter.configure(ConfigureRequest.newBuilder().setRequestTimeout(4000).build()));
    assertEquals(Duration.ofSeconds(3), adapter.timeout());
    V010Adapter fixed = new V010Adapter(vertx, v010.options().setTimeout(Duration.ofMillis(300)));
    call(() -> fixed.configure(ConfigureRequest.newBuilder().setRequestTimeout(4000).build()));
    assertEquals(Duration.ofMillis(300), fixed.timeout(), "the option wins");
  }

  /** Alive and not a zombie (an orphan's reaper may be slow; a zombie runs no more). */
  private static boolean running(long pid) {
    try {
      io.nrivertx.testing.Waiting.until(() -> !alive(pid), java.time.Duration.ofSeconds(5), () -> "still running");
      return false;
    } catch (AssertionError stillRunning) {
      return true;
    }
  }

  private static boolean alive(long pid) {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException gone) {
      return false;
    }
  }
}
