package io.nrivertx.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External plugins (official Go stub) dialing the socket: reconnection, the duplicate policy,
 * the uid allow-list, and independent registrations.
 */
class ExternalPluginsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private RuntimeFixture rt;

  @BeforeEach
  void setUp() {
    rt = new RuntimeFixture();
  }

  @AfterEach
  void nothingLeft() {
    rt.close();
    ChildProcesses.assertNoLeftovers(Set.of(), Duration.ofSeconds(10));
  }

  private GoPlugin recorder(String log, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("-idx", "50", "-log-file", rt.file(log).toString()));
    args.addAll(List.of(more));
    return rt.plugin(GoPeers.recorder(), args.toArray(String[]::new));
  }

  private void awaitGone(NriRuntime runtime, String id) {
    io.nrivertx.testing.Waiting.until(() -> !RuntimeFixture.await(runtime.plugins()).contains(id), WAIT,
        () -> id + " still registered");
  }

  @Test
  void aPluginThatReconnectsIsSynchronizedAgain() throws Exception {
    rt.domain.putPod(rt.pod("p1", "web"));
    NriRuntime runtime = rt.start();
    GoPlugin first = recorder("first.jsonl");
    rt.awaitPlugins(List.of("50-recorder"));
    new JsonLines(rt.file("first.jsonl")).awaitEvent("Synchronize", WAIT);
    first.kill9();
    awaitGone(runtime, "50-recorder");
    rt.domain.putPod(rt.pod("p2", "db"));
    recorder("second.jsonl");
    rt.awaitPlugins(List.of("50-recorder"));
    JsonObject sync = new JsonLines(rt.file("second.jsonl")).awaitEvent("Synchronize", WAIT);
    assertEquals(2, sync.getJsonArray("pods").size(), sync.encode());
  }

  @Test
  void aSecondConnectionWithTheSameIdReplacesTheFirstByDefault() throws Exception {
    NriRuntime runtime = rt.start();
    GoPlugin first = recorder("first.jsonl");
    rt.awaitPlugins(List.of("50-recorder"));
    recorder("second.jsonl");
    new JsonLines(rt.file("second.jsonl")).awaitEvent("Synchronize", WAIT);
    assertEquals(0, first.waitFor(WAIT), "the replaced plugin saw its connection closed: " + first.output());
    new JsonLines(rt.file("first.jsonl")).awaitEvent("ConnectionClosed", WAIT);
    assertEquals(List.of("50-recorder"), RuntimeFixture.await(runtime.plugins()));
    RuntimeFixture.await(runtime.request(PluginCall.RUN_POD_SANDBOX,
        RunPodSandboxRequest.newBuilder().setPod(rt.pod("p1", "web")).build()));
    new JsonLines(rt.file("second.jsonl")).awaitEvent("RunPodSandbox", WAIT);
    assertTrue(new JsonLines(rt.file("first.jsonl")).events("RunPodSandbox").isEmpty());
  }

  @Test
  void withRejectTheNewcomerIsRefusedAndTheFirstStays() throws Exception {
    NriRuntime runtime = rt.start(new NriOptions().setDuplicatePolicy(DuplicatePolicy.REJECT));
    GoPlugin first = recorder("first.jsonl");
    rt.awaitPlugins(List.of("50-recorder"));
    GoPlugin second = recorder("second.jsonl");
    assertNotEquals(0, second.waitFor(WAIT), "the newcomer is refused: " + second.output());
    assertTrue(first.isAlive());
    RuntimeFixture.await(runtime.request(PluginCall.RUN_POD_SANDBOX,
        RunPodSandboxRequest.newBuilder().setPod(rt.pod("p1", "web")).build()));
    new JsonLines(rt.file("first.jsonl")).awaitEvent("RunPodSandbox", WAIT);
  }

  @Test
  void aUidOutsideTheAllowListIsCutOffBeforeAnyByte() throws Exception {
    NriRuntime runtime = rt.start(new NriOptions().setAllowedUids(List.of(12345)));
    try (LogCapture log = new LogCapture("io.nrivertx.plugin.PluginListener");
         SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      raw.connect(UnixDomainSocketAddress.of(rt.socket));
      assertEquals(-1, raw.read(ByteBuffer.allocate(16)), "closed at once, nothing answered");
      log.await(m -> m.contains("cut plugin connection from pid=" + ProcessHandle.current().pid())
          && m.contains("uid 0 is not allowed (allowedUids [12345])"), WAIT);
      GoPlugin refused = recorder("r.jsonl");
      assertEquals(1, refused.waitFor(WAIT), refused.output());
      assertEquals(List.of(), RuntimeFixture.await(runtime.plugins()));
    }
  }

  @Test
  void anotherUserIsRefusedByTheDefaultAllowList() throws Exception {
    Path setpriv = Path.of("/usr/bin/setpriv");
    Assumptions.assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root") && Files.isExecutable(setpriv),
        "needs root and setpriv to run a plugin as another user");
    // Let uid 65534 reach the socket (nri-vertx warns about the wide directory, and the allow-list still holds).
    Files.setPosixFilePermissions(rt.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(rt.socket.getParent());
    Files.setPosixFilePermissions(rt.socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path logs = Files.createDirectories(rt.dir.resolve("nobody"));
    Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
    NriRuntime runtime = rt.start();
    // Connecting needs write permission on the socket file too, which NRI leaves to the umask.
    Files.setPosixFilePermissions(rt.socket, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (LogCapture log = new LogCapture("io.nrivertx.plugin.PluginListener")) {
      GoPlugin nobody = GoPlugin.start(setpriv, List.of("--reuid=65534", "--regid=65534", "--clear-groups",
          GoPeers.recorder().toString(), "-idx", "50", "-socket", rt.socket.toString(),
          "-log-file", logs.resolve("r.jsonl").toString()));
      try {
        assertEquals(1, nobody.waitFor(WAIT), nobody.output());
      } finally {
        nobody.close();
      }
      log.await(m -> m.contains("uid 65534 is not allowed"), WAIT);
      assertEquals(List.of(), RuntimeFixture.await(runtime.plugins()));
    }
  }

  @Test
  void aSilentConnectionDoesNotDelayAnotherRegistration() throws Exception {
    rt.start(new NriOptions().setRegistrationTimeout(Duration.ofSeconds(10)));
    try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.connect(UnixDomainSocketAddress.of(rt.socket));
      long start = System.nanoTime();
      recorder("r.jsonl");
      rt.awaitPlugins(List.of("50-recorder"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "registered in " + took + " while a silent peer waits");
    }
  }
}
