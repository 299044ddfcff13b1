package io.nrivertx.testing;

import com.google.protobuf.ByteString;
import io.nrivertx.api.cri.ContainerConfig;
import io.nrivertx.api.cri.ContainerMetadata;
import io.nrivertx.api.cri.CreateContainerRequest;
import io.nrivertx.api.cri.ImageSpec;
import io.nrivertx.api.cri.KeyValue;
import io.nrivertx.api.cri.LinuxContainerConfig;
import io.nrivertx.api.cri.LinuxContainerResources;
import io.nrivertx.api.cri.Mount;
import io.nrivertx.api.cri.PodSandboxConfig;
import io.nrivertx.api.cri.PodSandboxMetadata;
import io.nrivertx.api.cri.RemoveContainerRequest;
import io.nrivertx.api.cri.RemovePodSandboxRequest;
import io.nrivertx.api.cri.RunPodSandboxRequest;
import io.nrivertx.api.cri.RuntimeServiceGrpcClient;
import io.nrivertx.api.cri.StartContainerRequest;
import io.nrivertx.api.cri.StopContainerRequest;
import io.nrivertx.api.cri.StopPodSandboxRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Drives a CRI endpoint as a kubelet would, with Kubernetes-shaped pods and containers (labels,
 * annotations, env, mounts, resources): churn (whole pod lifecycles that leave nothing behind)
 * and live state (running pods and containers), several calls in flight at once.
 */
public final class CriLoad implements AutoCloseable {
  private final GrpcClient client;
  private final RuntimeServiceGrpcClient runtime;

  public CriLoad(Vertx vertx, Path criSocket) {
    this.client = GrpcClient.client(vertx);
    this.runtime = RuntimeServiceGrpcClient.create(client, SocketAddress.domainSocketAddress(criSocket.toString()));
  }

  /** {@code cycles} pod lifecycles with one container each: run, create, start, stop, remove, stop pod, remove pod. */
  public Future<Void> churn(int cycles, int parallel) {
    return inParallel(cycles, parallel, i -> pod("churn-" + i).compose(pod -> container(pod, "churn-" + i, "app")
        .compose(ctr -> runtime.stopContainer(StopContainerRequest.newBuilder().setContainerId(ctr).setTimeout(10)
            .build()).compose(v -> runtime.removeContainer(RemoveContainerRequest.newBuilder().setContainerId(ctr)
            .build())))
        .compose(v -> runtime.stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(pod).build()))
        .compose(v -> runtime.removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(pod).build()))
        .mapEmpty()));
  }

  /** {@code pods} running pods with {@code containersPerPod} running containers each. */
  public Future<Void> populate(int pods, int containersPerPod, int parallel) {
    return inParallel(pods, parallel, i -> pod("live-" + i).compose(pod -> {
      Future<Void> chain = Future.succeededFuture();
      for (int c = 0; c < containersPerPod; c++) {
        String name = "c" + c;
        chain = chain.compose(v -> container(pod, "live-" + i, name).mapEmpty());
      }
      return chain;
    }));
  }

  private Future<String> pod(String name) {
    return runtime.runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(podConfig(name)).build())
        .map(r -> r.getPodSandboxId());
  }

  /** Creates and starts a container; its id. */
  private Future<String> container(String podId, String podName, String name) {
    ContainerConfig.Builder cfg = ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(name))
        .setImage(ImageSpec.newBuilder().setImage("registry.k8s.io/e2e-test-images/agnhost:2.52"))
        .addCommand("/agnhost").addArgs("serve-hostname").addArgs("--port=8080")
        .setLogPath(name + "/0.log")
        .putLabels("io.kubernetes.container.name", name).putLabels("io.kubernetes.pod.name", podName)
        .putLabels("io.kubernetes.pod.namespace", "default").putLabels("io.kubernetes.pod.uid", "uid-" + podName)
        .putAnnotations("io.kubernetes.container.hash", "4b2c9d1e").putAnnotations("io.kubernetes.container.restartCount",
            "0").putAnnotations("io.kubernetes.container.terminationMessagePath", "/dev/termination-log")
        .addMounts(Mount.newBuilder().setContainerPath("/var/run/secrets/kubernetes.io/serviceaccount")
            .setHostPath("/var/lib/kubelet/pods/uid-" + podName + "/volumes/kube-api-access").setReadonly(true))
        .addMounts(Mount.newBuilder().setContainerPath("/etc/hosts")
            .setHostPath("/var/lib/kubelet/pods/uid-" + podName + "/etc-hosts"))
        .setLinux(LinuxContainerConfig.newBuilder().setResources(LinuxContainerResources.newBuilder()
            .setCpuShares(102).setCpuQuota(50000).setCpuPeriod(100000).setMemoryLimitInBytes(128 << 20)
            .setOomScoreAdj(984)));
    for (String[] env : new String[][] {{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
        {"KUBERNETES_SERVICE_HOST", "10.96.0.1"}, {"KUBERNETES_SERVICE_PORT", "443"}, {"POD_NAME", podName},
        {"POD_NAMESPACE", "default"}}) {
      cfg.addEnvs(KeyValue.newBuilder().setKey(env[0]).setValue(ByteString.copyFromUtf8(env[1])));
    }
    return runtime.createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId).setConfig(cfg)
        .setSandboxConfig(podConfig(podName)).build())
        .compose(r -> runtime.startContainer(StartContainerRequest.newBuilder().setContainerId(r.getContainerId())
            .build()).map(r.getContainerId()));
  }

  private static PodSandboxConfig podConfig(String name) {
    return PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("default").setUid("uid-" + name))
        .setHostname(name).setLogDirectory("/var/log/pods/default_" + name + "_uid-" + name)
        .putLabels("app", name).putLabels("io.kubernetes.pod.name", name)
        .putLabels("io.kubernetes.pod.namespace", "default").putLabels("io.kubernetes.pod.uid", "uid-" + name)
        .putAnnotations("kubernetes.io/config.seen", "2026-01-01T00:00:00Z")
        .putAnnotations("kubernetes.io/config.source", "api").build();
  }

  /** Runs {@code task(0..n-1)}, at most {@code parallel} at a time; fails on the first failure. */
  private static Future<Void> inParallel(int n, int parallel, IntFunction<Future<Void>> task) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < Math.min(parallel, n); l++) {
      Promise<Void> lane = Promise.promise();
      step(next, n, task, lane);
      lanes.add(lane.future());
    }
    return Future.all(lanes).mapEmpty();
  }

  private static void step(AtomicInteger next, int n, IntFunction<Future<Void>> task, Promise<Void> lane) {
    int i = next.getAndIncrement();
    if (i >= n) {
      lane.complete();
      return;
    }
    task.apply(i).onSuccess(v -> step(next, n, task, lane)).onFailure(lane::fail);
  }

  @Override
  public void close() {
    client.close();
  }
}
