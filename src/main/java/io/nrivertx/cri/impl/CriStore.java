package io.nrivertx.cri.impl;

import com.google.protobuf.InvalidProtocolBufferException;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.ImageRecord;
import io.nrivertx.api.cri.state.JournalRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.nrivertx.cri.CriRecovery;
import io.nrivertx.cri.CriStateException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import com.google.protobuf.MessageLite;
import io.nrivertx.api.cri.state.JournalMeta;
import io.nrivertx.cri.impl.journal.Journal;
import io.nrivertx.cri.impl.journal.JournalCodec;
import io.nrivertx.cri.impl.journal.JournalFs;
import io.nrivertx.cri.impl.journal.PrivateFiles;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint's pods, containers and images, in memory and in the journal. A change is applied
 * in memory at once and its future completes once the journal holds it (so a CRI call answers
 * only after that); changes made while a write is under way go to disk together in the next one.
 * A failed write breaks the store for good: memory and disk no longer agree. Confined to the
 * state context; the journal's appends run on ordered worker tasks of that context.
 *
 * <p>The journal is compacted while running, so its size stays proportional to the live state:
 * once the changes appended since the last snapshot outweigh the live objects (and
 * {@link #MIN_TAIL_BYTES}), a new generation starts and a snapshot of the live objects is written
 * beside it on another worker, while appends go on (docs/cri.md, "State").
 */
public final class CriStore {
  private static final System.Logger LOG = System.getLogger(CriStore.class.getName());
  private static final int MIN_PID = 4000;
  /** Tail size below which no compaction starts: keeps an idle or near-empty journal well under 1 MiB. */
  public static final long MIN_TAIL_BYTES = 512 << 10;

  private final ContextInternal ctx;
  private final long minTailBytes;
  private Future<Void> loaded;
  private Journal journal;
  private CriRecovery recovery;
  private final Map<String, PodRecord> pods = new LinkedHashMap<>();
  private final Map<String, ContainerRecord> containers = new LinkedHashMap<>();
  private final Map<String, ImageRecord> images = new LinkedHashMap<>();
  private List<byte[]> pending = new ArrayList<>();
  private List<Promise<Void>> waiting = new ArrayList<>();
  private final List<Promise<Void>> idle = new ArrayList<>();
  private boolean writing;
  private boolean compacting;
  private long compactions;
  private long nextCompactionAt; // tail size at which the next compaction may start
  private Throwable broken;
  private int lastPid = MIN_PID;
  private long liveBytes; // framed size of one record per live object: what a snapshot writes
  private final Map<String, Integer> sizes = new java.util.HashMap<>();

  private CriStore(ContextInternal ctx, long minTailBytes) {
    this.ctx = ctx;
    this.minTailBytes = minTailBytes;
  }

  /** Opens the journal in {@code <stateDir>/cri} off the event loop; a compaction follows if it is due. */
  public static Future<CriStore> open(ContextInternal ctx, Path stateDir, boolean sync) {
    CriStore store = create(ctx, stateDir, sync);
    return store.loaded().map(store);
  }

  static Future<CriStore> open(ContextInternal ctx, Path stateDir, boolean sync, JournalFs fs, long minTailBytes) {
    CriStore store = create(ctx, stateDir, sync, fs, minTailBytes);
    return store.loaded().map(store);
  }

  /**
   * A store whose journal is being read on a worker right away; it may be used once
   * {@link #loaded()} has completed (the endpoint starts NRI meanwhile, which waits for it).
   */
  public static CriStore create(ContextInternal ctx, Path stateDir, boolean sync) {
    return create(ctx, stateDir, sync, JournalFs.posix(), MIN_TAIL_BYTES);
  }

  static CriStore create(ContextInternal ctx, Path stateDir, boolean sync, JournalFs fs, long minTailBytes) {
    CriStore store = new CriStore(ctx, minTailBytes);
    store.loaded = ctx.<Void>executeBlocking(() -> {
      store.load(stateDir, sync, fs);
      return null;
    }).andThen(ar -> {
      if (ar.succeeded()) {
        store.maybeCompact();
      }
    });
    return store;
  }

  /** Completes once the journal is replayed; fails with {@link CriStateException} naming what is wrong. */
  public Future<Void> loaded() {
    return loaded;
  }

  private void load(Path stateDir, boolean sync, JournalFs fs) {
    long start = System.nanoTime();
    List<String> warnings = new ArrayList<>();
    try {
      PrivateFiles.directory(stateDir, warnings);
    } catch (java.io.IOException e) {
      throw new CriStateException("cannot create the CRI state directory " + stateDir + ": " + e, e);
    }
    Path dir = stateDir.resolve("cri");
    Journal.Opened opened = Journal.open(dir, sync, fs, this::replay);
    warnings.addAll(opened.warnings());
    journal = opened.journal();
    recovery = new CriRecovery(dir.toString(), opened.records(), pods.size(), containers.size(), images.size(),
        opened.tornFile() == null ? null : opened.tornFile().toString(), opened.tornOffset(), opened.tornBytes(),
        opened.tornCopy() == null ? null : opened.tornCopy().toString(), (System.nanoTime() - start) / 1_000_000,
        List.copyOf(warnings));
  }

  /** Applies one record read from the journal (recovery runs on a worker, before the store is shared). */
  private void replay(ByteBuffer bytes) {
    int size = bytes.remaining();
    JournalRecord r;
    try {
      r = JournalRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      // The checksum matched, so this is not damage but a record this version cannot read.
      throw new CriStateException("CRI state journal in " + ctxDir() + " holds a record nri-vertx cannot"
          + " decode (" + e.getMessage() + "); was it written by a newer version?", e);
    }
    switch (r.getEntryCase()) {
      case POD -> {
        pods.put(r.getPod().getId(), r.getPod());
        track("p" + r.getPod().getId(), size);
        lastPid = Math.max(lastPid, r.getPod().getPid());
      }
      case CONTAINER -> {
        containers.put(r.getContainer().getId(), r.getContainer());
        track("c" + r.getContainer().getId(), size);
        lastPid = Math.max(lastPid, r.getContainer().getPid());
      }
      case POD_REMOVED -> {
        pods.remove(r.getPodRemoved());
        track("p" + r.getPodRemoved(), -1);
      }
      case CONTAINER_REMOVED -> {
        containers.remove(r.getContainerRemoved());
        track("c" + r.getContainerRemoved(), -1);
      }
      case IMAGE -> {
        images.put(r.getImage().getId(), r.getImage());
        track("i" + r.getImage().getId(), size);
      }
      case IMAGE_REMOVED -> {
        images.remove(r.getImageRemoved());
        track("i" + r.getImageRemoved(), -1);
      }
      case META -> lastPid = Math.max(lastPid, r.getMeta().getLastPid());
      default -> throw new CriStateException("CRI state journal in " + ctxDir() + " holds an empty record");
    }
  }

  private String ctxDir() {
    return journal == null ? "the state directory" : journal.directory().toString();
  }

  /**
   * Keeps {@link #liveBytes} in step: the object under {@code key} ("p", "c" or "i" and its id)
   * now takes a record of {@code size} bytes, or is gone ({@code size < 0}).
   */
  private void track(String key, int size) {
    Integer old = size < 0 ? sizes.remove(key) : sizes.put(key, size);
    liveBytes += (size < 0 ? 0 : JournalCodec.HEADER + size) - (old == null ? 0 : JournalCodec.HEADER + old);
  }

  /**
   * The live state as records, meta first; each serialized only when the snapshot writer asks for
   * it, so writing a snapshot holds one record at a time beyond the objects themselves.
   */
  private Iterator<byte[]> snapshotRecords() {
    List<MessageLite> all = new ArrayList<>(1 + images.size() + pods.size() + containers.size());
    all.add(JournalMeta.newBuilder().setLastPid(lastPid).build());
    all.addAll(images.values());
    all.addAll(pods.values());
    all.addAll(containers.values());
    Iterator<MessageLite> it = all.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public byte[] next() {
        JournalRecord.Builder r = JournalRecord.newBuilder();
        switch (it.next()) {
          case JournalMeta m -> r.setMeta(m);
          case ImageRecord i -> r.setImage(i);
          case PodRecord p -> r.setPod(p);
          case ContainerRecord c -> r.setContainer(c);
          default -> throw new IllegalStateException("not a journal object");
        }
        return r.build().toByteArray();
      }
    };
  }

  public CriRecovery recovery() {
    return recovery;
  }

  public ContextInternal context() {
    return ctx;
  }

  public PodRecord pod(String id) {
    return pods.get(id);
  }

  public ContainerRecord container(String id) {
    return containers.get(id);
  }

  public ImageRecord image(String id) {
    return images.get(id);
  }

  /** The pod with this id or unique id prefix; null when none. */
  public PodRecord findPod(String idOrPrefix) {
    String id = Ids.resolve(pods, idOrPrefix, "pod sandbox");
    return id == null ? null : pods.get(id);
  }

  /** The container with this id or unique id prefix; null when none. */
  public ContainerRecord findContainer(String idOrPrefix) {
    String id = Ids.resolve(containers, idOrPrefix, "container");
    return id == null ? null : containers.get(id);
  }

  public Collection<PodRecord> pods() {
    return List.copyOf(pods.values());
  }

  public Collection<ContainerRecord> containers() {
    return List.copyOf(containers.values());
  }

  public Collection<ImageRecord> images() {
    return List.copyOf(images.values());
  }

  /** A pid no simulated process had since the state was created. */
  public int nextPid() {
    return ++lastPid;
  }

  public Future<Void> put(PodRecord pod) {
    pods.put(pod.getId(), pod);
    return write("p" + pod.getId(), JournalRecord.newBuilder().setPod(pod).build(), true);
  }

  public Future<Void> put(ContainerRecord ctr) {
    containers.put(ctr.getId(), ctr);
    return write("c" + ctr.getId(), JournalRecord.newBuilder().setContainer(ctr).build(), true);
  }

  public Future<Void> put(ImageRecord image) {
    images.put(image.getId(), image);
    return write("i" + image.getId(), JournalRecord.newBuilder().setImage(image).build(), true);
  }

  public Future<Void> removePod(String id) {
    pods.remove(id);
    return write("p" + id, JournalRecord.newBuilder().setPodRemoved(id).build(), false);
  }

  public Future<Void> removeContainer(String id) {
    containers.remove(id);
    return write("c" + id, JournalRecord.newBuilder().setContainerRemoved(id).build(), false);
  }

  public Future<Void> removeImage(String id) {
    images.remove(id);
    return write("i" + id, JournalRecord.newBuilder().setImageRemoved(id).build(), false);
  }

  /** Journals {@code record}, which puts ({@code live}) or removes the object under {@code key}. */
  private Future<Void> write(String key, JournalRecord record, boolean live) {
    if (!ctx.isRunningOnContext()) {
      throw new IllegalStateException("CRI state changed off its context (" + Thread.currentThread().getName() + ")");
    }
    if (broken != null) {
      return Future.failedFuture(unavailable());
    }
    Promise<Void> done = ctx.promise();
    byte[] bytes = record.toByteArray();
    track(key, live ? bytes.length : -1);
    pending.add(bytes);
    waiting.add(done);
    flush();
    return done.future();
  }

  private void flush() {
    if (writing || pending.isEmpty()) {
      return;
    }
    List<byte[]> batch = pending;
    List<Promise<Void>> waiters = waiting;
    pending = new ArrayList<>();
    waiting = new ArrayList<>();
    writing = true;
    ctx.<Void>executeBlocking(() -> {
      journal.append(batch);
      return null;
    }).onComplete(ar -> {
      writing = false;
      if (ar.failed() && broken == null) {
        broken = ar.cause();
      }
      // Before the waiters run: their next changes would otherwise always take the queue's turn.
      maybeCompact();
      waiters.forEach(w -> {
        if (broken == null) {
          w.complete();
        } else {
          w.fail(unavailable());
        }
      });
      flush();
      settle();
    });
  }

  /**
   * Starts a compaction when the tail outweighs the live state: the rotation to a new generation
   * is queued with the appends (so none lands in the wrong file), the snapshot of the state as of
   * that moment is written on another worker while appends continue in the new tail.
   */
  private void maybeCompact() {
    long tail = journal.tailBytes();
    if (compacting || writing || broken != null || tail <= Math.max(minTailBytes, liveBytes)
        || tail < nextCompactionAt) {
      return;
    }
    compacting = true;
    writing = true; // the rotation takes the append queue's turn
    Iterator<byte[]> snapshot = snapshotRecords(); // the state that journal.g plus pending writes lead to
    long started = System.nanoTime();
    ctx.executeBlocking(journal::rotate).onComplete(rotated -> {
      writing = false;
      if (rotated.failed()) {
        compactionFailed("starting a new journal generation", rotated.cause());
      } else {
        long gen = rotated.result();
        ctx.<Void>executeBlocking(() -> {
          journal.writeSnapshot(gen, snapshot);
          journal.dropBefore(gen);
          return null;
        }, false).onComplete(written -> {
          compacting = false;
          if (written.failed()) {
            compactionFailed("writing the snapshot of generation " + gen, written.cause());
          } else {
            compactions++;
            LOG.log(System.Logger.Level.DEBUG, () -> "CRI state journal compacted to generation " + gen + " ("
                + journal.snapshotBytes() + " snapshot bytes, " + (System.nanoTime() - started) / 1_000_000 + " ms)");
            maybeCompact(); // the tail may have outgrown the state again while the snapshot was written
          }
          settle();
        });
      }
      flush();
      settle();
    });
  }

  /** Nothing is lost (the older generation stays complete); try again after as much growth again. */
  private void compactionFailed(String step, Throwable cause) {
    compacting = false;
    nextCompactionAt = journal.tailBytes() + Math.max(minTailBytes, liveBytes);
    LOG.log(System.Logger.Level.WARNING, "CRI state journal in " + journal.directory() + ": compaction failed while "
        + step + " (" + cause + "); the journal stays complete but keeps growing; retrying after "
        + nextCompactionAt + " tail bytes");
  }

  private void settle() {
    if (!writing && !compacting) {
      idle.forEach(Promise::complete);
      idle.clear();
    }
  }

  private CriStateException unavailable() {
    return new CriStateException("CRI state journal " + journal.tailPath() + " failed to write (" + broken.getMessage()
        + "); the state is no longer saved: restart nri-vertx", broken);
  }

  /** The journal's size and history, for Status (verbose). */
  public JsonObject journalInfo() {
    return new JsonObject().put("journal", journal.directory().toString()).put("generation", journal.generation())
        .put("tailBytes", journal.tailBytes()).put("snapshotBytes", journal.snapshotBytes())
        .put("liveBytes", liveBytes).put("compactions", compactions);
  }

  /** Completes once no write or compaction is under way (for tests and close). */
  public Future<Void> idle() {
    Promise<Void> drained = ctx.promise();
    if (writing || compacting || !pending.isEmpty()) {
      idle.add(drained);
    } else {
      drained.complete();
    }
    return drained.future();
  }

  /** Waits for pending writes and a compaction under way, then closes the journal and releases the lock. */
  public Future<Void> close() {
    return loaded.transform(ar -> ar.failed() ? Future.succeededFuture() // nothing was opened, or it is closed
        : idle().compose(v -> ctx.executeBlocking(() -> {
          journal.close();
          return null;
        })));
  }
}
