package io.nrivertx.cri.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.cri.impl.journal.JournalFs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Compaction while running: the journal stays proportional to the live state, appends never wait for it. */
@ExtendWith(VertxExtension.class)
class CriStoreTest {
  private static final long MIN_TAIL = 16 << 10;
  private static final String SPEC = "{\"spec\":\"" + "x".repeat(3000) + "\"}";

  @Test
  void churnKeepsTheJournalSmallAndRestartRestoresTheLiveState(Vertx vertx, VertxTestContext test,
                                                               @TempDir Path dir) {
    ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
    CriStore.open(ctx, dir, false, JournalFs.posix(), MIN_TAIL).compose(store -> {
      test.verify(() -> assertTrue(ctx.isRunningOnContext(), "futures complete on the store's context"));
      Future<Void> chain = store.put(pod("alive", store.nextPid()));
      for (int i = 0; i < 300; i++) {
        int n = i;
        chain = chain.compose(v -> cycle(store, n));
      }
      return chain.compose(v -> store.idle()).map(v -> store);
    }).compose(store -> {
      test.verify(() -> {
        // How many compactions absorb the ~3 MB depends on how long their fsyncs take; once idle, the
        // tail is back under its threshold whatever the timing.
        assertTrue(store.journalInfo().getLong("compactions") >= 2, store.journalInfo().encode());
        long live = store.journalInfo().getLong("liveBytes");
        long onDisk = size(dir.resolve("cri"));
        assertTrue(onDisk <= live + Math.max(MIN_TAIL, live) + (16 << 10), "300 cycles of ~10 KiB left " + onDisk
            + " bytes on disk; live state " + live + " bytes; " + store.journalInfo().encode());
      });
      return store.close();
    }).compose(v -> CriStore.open(ctx, dir, false, JournalFs.posix(), MIN_TAIL)).onComplete(test.succeeding(store ->
        test.verify(() -> {
          assertEquals(List.of("alive"), store.pods().stream().map(PodRecord::getId).toList());
          assertEquals(List.of(), store.containers());
          assertTrue(store.nextPid() > 4000 + 2 * 300 + 1, "pids of removed objects are not reused");
          store.close().onComplete(test.succeedingThenComplete());
        })));
  }

  @Test
  void appendsAreAcknowledgedWhileASnapshotIsBeingWritten(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    CountDownLatch snapshotting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JournalFs gated = new GatedFs(snapshotting, release);
    ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
    CriStore.open(ctx, dir, false, gated, MIN_TAIL).compose(store -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < 20; i++) { // enough to pass MIN_TAIL and start a compaction
        int n = i;
        chain = chain.compose(v -> cycle(store, n));
      }
      return chain.compose(v -> vertx.executeBlocking(() -> {
        assertTrue(snapshotting.await(30, java.util.concurrent.TimeUnit.SECONDS), "no compaction started");
        return store;
      }));
    }).compose(store -> {
      test.verify(() -> assertEquals(1, release.getCount(), "the snapshot is still held"));
      return store.put(pod("during", store.nextPid())).map(v -> store); // acknowledged with the snapshot held
    }).compose(store -> {
      release.countDown();
      return store.close();
    }).compose(v -> CriStore.open(ctx, dir, false, JournalFs.posix(), MIN_TAIL)).onComplete(test.succeeding(store ->
        test.verify(() -> {
          assertEquals(List.of("during"), store.pods().stream().map(PodRecord::getId).toList());
          store.close().onComplete(test.succeedingThenComplete());
        })));
  }

  private static Future<Void> cycle(CriStore store, int n) {
    PodRecord pod = pod("p" + n, store.nextPid());
    ContainerRecord ctr = ContainerRecord.newBuilder().setId("c" + n).setPodId(pod.getId()).setPid(store.nextPid())
        .setSpecJson(com.google.protobuf.ByteString.copyFromUtf8(SPEC)).build();
    return store.put(pod).compose(v -> store.put(ctr)).compose(v -> store.removeContainer(ctr.getId()))
        .compose(v -> store.removePod(pod.getId()));
  }

  private static PodRecord pod(String id, int pid) {
    return PodRecord.newBuilder().setId(id).setPid(pid).setSpecJson(com.google.protobuf.ByteString.copyFromUtf8(SPEC)).build();
  }

  private static long size(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The real file system, holding the first snapshot's rename until released. */
  private record GatedFs(CountDownLatch entered, CountDownLatch release, JournalFs real) implements JournalFs {
    GatedFs(CountDownLatch entered, CountDownLatch release) {
      this(entered, release, JournalFs.posix());
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      if (from.getFileName().toString().startsWith("snapshot.")) {
        entered.countDown();
        try {
          if (!release.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IOException("test gate never opened");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      real.move(from, to);
    }

    @Override
    public FileChannel create(Path file) throws IOException {
      return real.create(file);
    }

    @Override
    public FileChannel openForAppend(Path file) throws IOException {
      return real.openForAppend(file);
    }

    @Override
    public void write(FileChannel ch, java.nio.ByteBuffer data) throws IOException {
      real.write(ch, data);
    }

    @Override
    public void force(FileChannel ch) throws IOException {
      real.force(ch);
    }

    @Override
    public void truncate(FileChannel ch, long size) throws IOException {
      real.truncate(ch, size);
    }

    @Override
    public void delete(Path file) throws IOException {
      real.delete(file);
    }

    @Override
    public void syncDir(Path d) throws IOException {
      real.syncDir(d);
    }
  }
}
