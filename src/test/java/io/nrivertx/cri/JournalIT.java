package io.nrivertx.cri;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.cri.ContainerConfig;
import io.nrivertx.api.cri.ContainerMetadata;
import io.nrivertx.api.cri.ContainerState;
import io.nrivertx.api.cri.KeyValue;
import io.nrivertx.api.cri.PodSandboxConfig;
import io.nrivertx.api.cri.PodSandboxMetadata;
import io.nrivertx.api.cri.PodSandboxState;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.JournalRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.cri.impl.journal.JournalCodec;
import io.nrivertx.testing.CriLoad;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.Waiting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The journal under churn and at size: it stays small while serving, a large one restarts in a
 * small heap, and its files are private.
 */
class JournalIT {
  private static final long MIB = 1 << 20;

  @Test
  void churnWithNothingAliveLeavesLessThanOneMiBAndPrivateFiles() throws Exception {
    try (CriFixture f = new CriFixture()) {
      f.start();
      try (CriLoad load = new CriLoad(f.vertx, f.criSocket)) {
        await(load.churn(300, 8)); // ~7 MB of records written and compacted away
      }
      Path dir = f.stateDir.resolve("cri");
      f.stop(); // waits for a compaction under way, which ends with the tail under its threshold
      assertTrue(size(dir) < MIB, "journal after 300 pod cycles: " + size(dir) + " bytes in " + list(dir));
      CriServer again = f.start();
      assertEquals(0, again.recovery().pods());
      assertEquals(0, again.recovery().containers());
      assertTrue(again.recovery().warnings().isEmpty(), again.recovery().warnings().toString());
      assertEquals("rwx------", mode(f.stateDir));
      assertEquals("rwx------", mode(dir));
      for (Path file : list(dir)) {
        assertEquals("rw-------", mode(file), file.toString());
      }
    }
  }

  @Test
  void anExistingWiderStateDirectoryIsReportedAndLeftAsItIs() throws Exception {
    try (CriFixture f = new CriFixture()) {
      Files.createDirectories(f.stateDir);
      Files.setPosixFilePermissions(f.stateDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      CriServer server = f.start();
      assertEquals(1, server.recovery().warnings().size(), server.recovery().warnings().toString());
      String warning = server.recovery().warnings().get(0);
      assertTrue(warning.contains(f.stateDir.toString()) && warning.contains("rwxr-xr-x"), warning);
      assertEquals("rwxr-xr-x", mode(f.stateDir), "never changed behind the administrator's back");
      assertEquals("rwx------", mode(f.stateDir.resolve("cri")), "what nri-vertx creates is private");
    }
  }

  /**
   * A 200 MiB journal (1,000 live pods and 5,000 live containers, then churn) restarts in a JVM
   * whose heap could not hold the file, restores the live state and compacts itself.
   */
  @Test
  void aLargeJournalRestartsInABoundedHeapAndCompacts() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "cri-large-");
    try {
      Path cri = Files.createDirectories(dir.resolve("state/cri"));
      long written = writeLargeJournal(cri.resolve("journal.1"), 200 * MIB);
      try (CriChild server = CriChild.start(dir, "large", "-Xmx96m", "-XX:+ExitOnOutOfMemoryError")) {
        assertTrue(server.recovered().contains(" pods=1000 containers=5000 "), server.recovered());
        Waiting.until(() -> size(cri) < written / 4, Duration.ofSeconds(120), () -> "not compacted after the"
            + " restart: " + size(cri) + " of " + written + " bytes left; " + list(cri));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Live pods and containers first, then put/remove churn until the file is {@code target} bytes. */
  private static long writeLargeJournal(Path file, long target) throws IOException {
    String spec = "{\"ociVersion\":\"1.2.0\",\"process\":{\"args\":[\"/agnhost\"]},\"pad\":\"" + "s".repeat(3500) + "\"}";
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      List<byte[]> batch = new ArrayList<>();
      for (int p = 0; p < 1000; p++) {
        batch.add(pod("live-" + p, spec).toByteArray());
        for (int c = 0; c < 5; c++) {
          batch.add(container("live-" + p + "-c" + c, "live-" + p, spec).toByteArray());
        }
        flush(out, batch);
      }
      for (int i = 0; out.size() < target; i++) {
        batch.add(pod("churn-" + i, spec).toByteArray());
        batch.add(container("churn-" + i + "-c", "churn-" + i, spec).toByteArray());
        batch.add(JournalRecord.newBuilder().setContainerRemoved("churn-" + i + "-c").build().toByteArray());
        batch.add(JournalRecord.newBuilder().setPodRemoved("churn-" + i).build().toByteArray());
        flush(out, batch);
      }
      return out.size();
    }
  }

  private static void flush(FileChannel out, List<byte[]> batch) throws IOException {
    ByteBuffer buf = JournalCodec.encode(batch);
    while (buf.hasRemaining()) {
      out.write(buf);
    }
    batch.clear();
  }

  private static JournalRecord pod(String id, String spec) {
    return JournalRecord.newBuilder().setPod(PodRecord.newBuilder().setId(id).setState(PodSandboxState.SANDBOX_READY)
        .setConfig(PodSandboxConfig.newBuilder().setMetadata(PodSandboxMetadata.newBuilder().setName(id)
            .setNamespace("default").setUid("uid-" + id)).putLabels("app", id))
        .setSpecJson(com.google.protobuf.ByteString.copyFromUtf8(spec)).setPid(5000)).build();
  }

  private static JournalRecord container(String id, String pod, String spec) {
    return JournalRecord.newBuilder().setContainer(ContainerRecord.newBuilder().setId(id).setPodId(pod)
        .setState(ContainerState.CONTAINER_RUNNING).setConfig(ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName(id)).addCommand("/agnhost")
            .addEnvs(KeyValue.newBuilder().setKey("POD_NAME").setValue(com.google.protobuf.ByteString.copyFromUtf8(pod))))
        .setSpecJson(com.google.protobuf.ByteString.copyFromUtf8(spec)).setPid(6000)).build();
  }

  private static long size(Path dir) {
    return list(dir).stream().mapToLong(p -> p.toFile().length()).sum();
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
