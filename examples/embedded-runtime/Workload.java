import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.PostCreateContainerRequest;
import io.nrivertx.api.PostStartContainerRequest;
import io.nrivertx.api.RemoveContainerRequest;
import io.nrivertx.api.RemovePodSandboxRequest;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.StopPodSandboxRequest;
import io.nrivertx.service.PluginCall;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sandbox with one box, taken through its whole life the way a runtime does: store, tell NRI,
 * act on the answer. Runs on the main thread; each {@code await} waits for the plugins' reply
 * (never on an event loop).
 */
final class Workload {
  private final NriRuntime nri;
  private final BoxDomain domain;

  Workload(NriRuntime nri, BoxDomain domain) {
    this.nri = nri;
    this.domain = domain;
  }

  void run() {
    BoxDomain.Sandbox sandbox = new BoxDomain.Sandbox("pod-1", "web", "default");
    domain.put(sandbox);
    var pod = domain.toNri(sandbox);
    call(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build());

    // The runtime asks the plugins before it stores the box: what they answer shapes the box.
    BoxDomain.Box planned = new BoxDomain.Box("ctr-1", "pod-1", "app", "created", Map.of("owner", "example"),
        List.of("PATH=/usr/bin"), 1024, 0);
    CreateContainerResponse created = call(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder()
        .setPod(pod).setContainer(domain.toNri(planned)).build());
    BoxDomain.Box box = adjusted(planned, created.getAdjust());
    domain.put(box);
    System.out.println("adjusted container " + json(box).encode());

    var ctr = domain.toNri(box);
    call(PluginCall.POST_CREATE_CONTAINER, PostCreateContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build());
    domain.put(box.with("running"));
    ctr = domain.toNri(domain.box("ctr-1"));
    call(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build());
    call(PluginCall.POST_START_CONTAINER, PostStartContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build());
    domain.put(domain.box("ctr-1").with("stopped"));
    ctr = domain.toNri(domain.box("ctr-1"));
    call(PluginCall.STOP_CONTAINER, StopContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build());
    call(PluginCall.REMOVE_CONTAINER, RemoveContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build());
    domain.remove("ctr-1");
    call(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(pod).build());
    call(PluginCall.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.newBuilder().setPod(pod).build());
    domain.remove("pod-1");
  }

  private <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> R call(
      PluginCall<Q, R> call, Q request) {
    R reply = nri.request(domain.namespace(), call, request).await();
    System.out.println(call.method() + ": ok");
    return reply;
  }

  /**
   * What this runtime takes from an adjustment: annotations, environment and CPU/memory. NRI marks
   * a removal with a "-" before the key; other adjustable fields are ignored by this tiny runtime.
   */
  static BoxDomain.Box adjusted(BoxDomain.Box b, ContainerAdjustment adjust) {
    Map<String, String> annotations = new LinkedHashMap<>(b.annotations());
    adjust.getAnnotationsMap().forEach((k, v) -> {
      if (k.startsWith("-")) {
        annotations.remove(k.substring(1));
      } else {
        annotations.put(k, v);
      }
    });
    List<String> env = new ArrayList<>(b.env());
    for (KeyValue kv : adjust.getEnvList()) {
      String key = kv.getKey().startsWith("-") ? kv.getKey().substring(1) : kv.getKey();
      env.removeIf(e -> e.startsWith(key + "="));
      if (!kv.getKey().startsWith("-")) {
        env.add(key + "=" + kv.getValue());
      }
    }
    BoxDomain.Box withMeta = new BoxDomain.Box(b.id(), b.sandbox(), b.name(), b.state(), Collections.unmodifiableMap(annotations),
        List.copyOf(env), b.cpuShares(), b.memoryLimit());
    return BoxDomain.resized(withMeta, adjust.getLinux().getResources());
  }

  static JsonObject json(BoxDomain.Box b) {
    return new JsonObject().put("id", b.id()).put("sandbox", b.sandbox()).put("name", b.name())
        .put("state", b.state()).put("annotations", new JsonObject(new LinkedHashMap<String, Object>(b.annotations())))
        .put("env", new JsonArray(b.env())).put("cpuShares", b.cpuShares()).put("memoryLimit", b.memoryLimit());
  }
}
