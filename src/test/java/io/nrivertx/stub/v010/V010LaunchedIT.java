package io.nrivertx.stub.v010;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.cli.Main;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.RuntimeFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's v0.1.0 steps end to end, paths in a temporary directory: {@code nri-vertx plugin
 * install v010-adapter --idx 00} links {@code PLUGINS/00-v010-adapter}; nri-vertx, started with
 * that plugin path, launches it with no arguments, the NRI environment and its socket on fd 3;
 * the adapter then runs the v0.1 plugin enabled in conf.json on pod and container start. The
 * temporary paths are the launcher's fixed flags ({@code -- -config ... -bin-dir ...}).
 */
class V010LaunchedIT {
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");

  @Test
  void theRuntimeLaunchesTheSymlinkedAdapterWhichRunsAV01PluginOnPodAndContainerStart() {
    V010Plugins v010 = new V010Plugins().install("recorder", "clearcfs").configure("clearcfs");
    Path plugins = v010.dir.resolve("plugins");
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("plugin", "install", "v010-adapter", "--idx", "00", "--plugin-path", plugins.toString(),
        "--bin-dir", v010.dir.resolve("launchers").toString(), "--jar", JAR.toString(),
        "--", "-config", v010.conf.toString(), "-bin-dir", v010.bin.toString()), err.toString());

    try (RuntimeFixture rt = new RuntimeFixture()) {
      // The adapter is a JVM: on a loaded machine it can take longer than NRI's 5 s to register.
      NriRuntime nri = rt.start(new NriOptions().setRequestTimeout(Duration.ofSeconds(2))
          .setRegistrationTimeout(Duration.ofSeconds(20)).setPluginPath(plugins.toString()));
      rt.awaitPlugins(List.of("00-v010-adapter"));
      PodSandbox pod = rt.pod("pod1", "db");
      await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build()));
      await(nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod)
          .setContainer(rt.container("c1", "pod1", "app", ContainerState.CONTAINER_CREATED)).build()));
      assertEquals(List.of("pod1/create", "c1/create"), v010.calls().stream()
          .map(c -> c.getString("id") + "/" + c.getString("state")).toList());
      assertEquals("clearcfs", v010.calls().get(0).getJsonObject("conf").getString("name"));
    }
  }
}
