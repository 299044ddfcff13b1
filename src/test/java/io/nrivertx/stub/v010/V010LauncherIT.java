package io.nrivertx.stub.v010;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The seed's v0.1.0 steps with every path in a temporary directory: install the adapter as
 * {@code PLUGINS/00-v010-adapter} (a symlink to its launcher script, written by
 * {@code nri-vertx plugin install}), v0.1 plugin in {@code bin/}, enabled in {@code conf.json}.
 * The adapter runs from the fat jar through that symlink with the environment a runtime gives
 * (only NRI_PLUGIN_NAME and NRI_PLUGIN_IDX: no PATH). It dials the socket, since launching over
 * fd 3 belongs to the runtime's launcher.
 */
class V010LauncherIT {
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");

  @Test
  void theInstalledAdapterRunsAV01PluginOnPodAndContainerStartThenExitsWithTheRuntime() throws Exception {
    V010Plugins v010 = new V010Plugins().install("recorder", "clearcfs").configure("clearcfs");
    Path plugins = v010.dir.resolve("plugins");
    Path launchers = v010.dir.resolve("launchers");
    StringWriter out = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("plugin", "install", "v010-adapter", "--idx", "00", "--plugin-path", plugins.toString(),
        "--bin-dir", launchers.toString(), "--jar", JAR.toString()), out.toString());
    Path link = plugins.resolve("00-v010-adapter");
    assertEquals(launchers.resolve("nri-vertx-v010-adapter"), Files.readSymbolicLink(link));

    Process adapter;
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      ProcessBuilder launch = new ProcessBuilder(link.toString(), "-socket", rt.socket.toString(), "-config",
          v010.conf.toString(), "-bin-dir", v010.bin.toString())
          .redirectErrorStream(true).redirectOutput(v010.dir.resolve("adapter.log").toFile());
      launch.environment().clear();
      launch.environment().put("NRI_PLUGIN_NAME", "v010-adapter");
      launch.environment().put("NRI_PLUGIN_IDX", "00");
      adapter = launch.start();
      try {
        rt.awaitPlugins(List.of("00-v010-adapter"));
        PodSandbox pod = rt.pod("pod1", "db");
        await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build()));
        await(nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod)
            .setContainer(rt.container("c1", "pod1", "app", ContainerState.CONTAINER_CREATED)).build()));
        assertEquals(List.of("pod1/create", "c1/create"), v010.calls().stream()
            .map(c -> c.getString("id") + "/" + c.getString("state")).toList(), log(v010));
      } catch (RuntimeException | Error e) {
        adapter.destroyForcibly().waitFor();
        throw new AssertionError(e.getMessage() + "\n" + log(v010), e);
      }
    }
    // The runtime closed: the adapter exits, 0 after a Shutdown, 1 when the connection was just lost.
    boolean exited = adapter.waitFor(20, TimeUnit.SECONDS);
    if (!exited) {
      adapter.destroyForcibly().waitFor();
    }
    assertTrue(exited, "the adapter did not exit after the runtime closed\n" + log(v010));
    assertTrue(adapter.exitValue() == 0 || adapter.exitValue() == 1, adapter.exitValue() + "\n" + log(v010));
  }

  private static String log(V010Plugins v010) {
    try {
      return Files.readString(v010.dir.resolve("adapter.log"));
    } catch (java.io.IOException e) {
      return "(no adapter log: " + e + ")";
    }
  }
}
