package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.api.ttrpc.Response;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RawPeer;
import io.nrivertx.testing.RuntimeFixture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad peers on the real socket: each is cut off with a reason, and the runtime keeps serving. */
class RobustnessIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static NriOptions fastOptions() {
    return new NriOptions().setRegistrationTimeout(Duration.ofMillis(800)).setRequestTimeout(Duration.ofSeconds(2));
  }

  @Test
  void garbageStreamIsCutOffAndRuntimeKeepsServing() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.start(fastOptions());
      byte[] garbage = new byte[64 * 1024];
      new Random(42).nextBytes(garbage);
      try (RawPeer bad = new RawPeer(rt.socket)) {
        bad.write(garbage);
        assertTrue(bad.closedWithin(WAIT), "a peer sending garbage is disconnected");
      }
      assertStillServing(rt);
    }
  }

  @Test
  void oversizedMuxFrameIsRefusedBeforeAllocation() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.start(fastOptions());
      try (RawPeer bad = new RawPeer(rt.socket)) {
        // Announces a 4 GiB frame on conn 2 and sends only its header.
        bad.write(ByteBuffer.allocate(8).putInt(2).putInt(0xFFFF_FFF0).array());
        assertTrue(bad.closedWithin(WAIT), "an oversized frame closes that connection");
      }
      assertStillServing(rt);
    }
  }

  @Test
  void oversizedTtrpcMessageGetsResourceExhaustedAndConnectionSurvives() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.start(new NriOptions().setRegistrationTimeout(Duration.ofSeconds(20)));
      try (RawPeer peer = new RawPeer(rt.socket)) {
        int length = (4 << 20) + 1;
        ByteBuffer first = ByteBuffer.allocate(8 + 10);
        first.putInt(2).putInt(10).putInt(length).putInt(1).put((byte) 1).put((byte) 0);
        peer.write(first.array());
        // In frames a peer that has not registered may send (16 KiB): the message is skipped, never buffered.
        byte[] chunk = new byte[16 * 1024];
        for (int sent = 0; sent < length; sent += chunk.length) {
          int n = Math.min(chunk.length, length - sent);
          peer.write(ByteBuffer.allocate(8 + n).putInt(2).putInt(n).put(chunk, 0, n).array());
        }
        Response tooBig = peer.response(WAIT);
        assertEquals(8, tooBig.getStatus().getCode(), tooBig.toString());
        // The same connection still registers.
        peer.request(3, "RegisterPlugin", RegisterPluginRequest.newBuilder().setPluginName("raw").setPluginIdx("07")
            .build());
        Response ok = peer.response(WAIT);
        assertEquals(0, ok.getStatus().getCode(), ok.toString());
      }
    }
  }

  @Test
  void invalidNameIsRefusedWithNrisMessage() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.start(fastOptions());
      try (RawPeer peer = new RawPeer(rt.socket)) {
        peer.request(1, "RegisterPlugin", RegisterPluginRequest.newBuilder().setPluginName("bad name")
            .setPluginIdx("10").build());
        Response refused = peer.response(WAIT);
        assertEquals(2, refused.getStatus().getCode());
        assertEquals("invalid plugin name: invalid plugin name \"bad name\": contains invalid character ' '",
            refused.getStatus().getMessage());
        assertTrue(peer.closedWithin(WAIT), "a refused plugin is disconnected");
      }
      try (RawPeer peer = new RawPeer(rt.socket)) {
        peer.request(1, "RegisterPlugin", RegisterPluginRequest.newBuilder().setPluginName("ok").setPluginIdx("1x")
            .build());
        assertEquals("invalid plugin index: invalid plugin index \"1x\" (not [0-9][0-9])",
            peer.response(WAIT).getStatus().getMessage());
      }
      assertStillServing(rt);
    }
  }

  @Test
  void silentPeerIsDroppedAfterRegistrationTimeout() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.start(fastOptions());
      try (RawPeer silent = new RawPeer(rt.socket)) {
        long start = System.nanoTime();
        assertTrue(silent.closedWithin(WAIT), "an unregistered peer is dropped");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 500, "dropped only after the registration timeout, took " + tookMs + " ms");
        assertStillServing(rt);
      }
    }
  }

  @Test
  void aSocketSomebodyServesIsNotTakenOver() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.start(fastOptions());
      Throwable err = assertThrows(Throwable.class, () -> await(io.nrivertx.NriRuntime.deploy(rt.vertx,
          new NriOptions().setSocketPath(rt.socket.toString()).setBusPrefix("nri-second"),
          new io.nrivertx.domain.InMemoryDomain("k8s.io"))));
      assertTrue(String.valueOf(err.getMessage()).contains("another process is serving NRI at " + rt.socket),
          String.valueOf(err));
      assertStillServing(rt);
    }
  }

  @Test
  void aStaleSocketFileIsReplaced() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      java.nio.file.Files.createDirectories(rt.socket.getParent());
      try (java.nio.channels.ServerSocketChannel left = java.nio.channels.ServerSocketChannel.open(
          java.net.StandardProtocolFamily.UNIX)) {
        left.bind(java.net.UnixDomainSocketAddress.of(rt.socket));
      } // closed: the file stays behind, nobody accepts
      assertTrue(java.nio.file.Files.exists(rt.socket));
      rt.start(fastOptions());
      assertStillServing(rt);
    }
  }

  /** A real Go plugin registers and handles an event while the bad peer is (or was) around. */
  private static void assertStillServing(RuntimeFixture rt) {
    NriRuntime nri = rt.runtime();
    Path log = rt.file("after.jsonl");
    rt.plugin(GoPeers.recorder(), "-idx", "60", "-name", "survivor", "-events", "CreateContainer",
        "-log-file", log.toString());
    rt.awaitPlugins(List.of("60-survivor"));
    await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
        .setContainer(rt.container("c", "p", "app", ContainerState.CONTAINER_UNKNOWN)).build()));
    new JsonLines(log).awaitEvent("CreateContainer", WAIT);
  }
}
