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
import java.nio.file.Path;
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
 * state context; the journal's file I/O runs on ordered worker tasks of that context.
 */
public final class CriStore {
  private static final int MIN_PID = 4000;

  private final ContextInternal ctx;
  private final JournalFile journal;
  private final CriRecovery recovery;
  private final Map<String, PodRecord> pods = new LinkedHashMap<>();
  private final Map<String, ContainerRecord> containers = new LinkedHashMap<>();
  private final Map<String, ImageRecord> images = new LinkedHashMap<>();
  private List<byte[]> pending = new ArrayList<>();
  private List<Promise<Void>> waiting = new ArrayList<>();
  private final List<Promise<Void>> idle = new ArrayList<>();
  private boolean writing;
  private Throwable broken;
  private int lastPid = MIN_PID;

  private CriStore(ContextInternal ctx, JournalFile.Opened opened) {
    this.ctx = ctx;
    this.journal = opened.journal();
    for (byte[] bytes : opened.records()) {
      replay(bytes);
    }
    this.recovery = new CriRecovery(journal.path().toString(), opened.records().size(), pods.size(),
        containers.size(), images.size(), opened.tornOffset(), opened.tornBytes(),
        opened.tornCopy() == null ? null : opened.tornCopy().toString());
  }

  /** Opens (and if worthwhile compacts) the journal in {@code dir} off the event loop. */
  public static Future<CriStore> open(ContextInternal ctx, Path dir, boolean sync) {
    return ctx.executeBlocking(() -> {
      CriStore store = new CriStore(ctx, JournalFile.open(dir, sync));
      List<byte[]> snapshot = store.snapshot();
      if (store.recovery.records() > 2 * snapshot.size() + 64) {
        store.journal.rewrite(snapshot);
      }
      return store;
    });
  }

  private void replay(byte[] bytes) {
    JournalRecord r;
    try {
      r = JournalRecord.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      // The checksum matched, so this is not damage but a record this version cannot read.
      throw new CriStateException("CRI state journal " + journal.path() + " holds a record nri-vertx cannot"
          + " decode (" + e.getMessage() + "); was it written by a newer version?", e);
    }
    switch (r.getEntryCase()) {
      case POD -> {
        pods.put(r.getPod().getId(), r.getPod());
        lastPid = Math.max(lastPid, r.getPod().getPid());
      }
      case CONTAINER -> {
        containers.put(r.getContainer().getId(), r.getContainer());
        lastPid = Math.max(lastPid, r.getContainer().getPid());
      }
      case POD_REMOVED -> pods.remove(r.getPodRemoved());
      case CONTAINER_REMOVED -> containers.remove(r.getContainerRemoved());
      case IMAGE -> images.put(r.getImage().getId(), r.getImage());
      case IMAGE_REMOVED -> images.remove(r.getImageRemoved());
      default -> throw new CriStateException("CRI state journal " + journal.path() + " holds an empty record");
    }
  }

  private List<byte[]> snapshot() {
    List<byte[]> out = new ArrayList<>();
    images.values().forEach(i -> out.add(JournalRecord.newBuilder().setImage(i).build().toByteArray()));
    pods.values().forEach(p -> out.add(JournalRecord.newBuilder().setPod(p).build().toByteArray()));
    containers.values().forEach(c -> out.add(JournalRecord.newBuilder().setContainer(c).build().toByteArray()));
    return out;
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
    return write(JournalRecord.newBuilder().setPod(pod).build());
  }

  public Future<Void> put(ContainerRecord ctr) {
    containers.put(ctr.getId(), ctr);
    return write(JournalRecord.newBuilder().setContainer(ctr).build());
  }

  public Future<Void> put(ImageRecord image) {
    images.put(image.getId(), image);
    return write(JournalRecord.newBuilder().setImage(image).build());
  }

  public Future<Void> removePod(String id) {
    pods.remove(id);
    return write(JournalRecord.newBuilder().setPodRemoved(id).build());
  }

  public Future<Void> removeContainer(String id) {
    containers.remove(id);
    return write(JournalRecord.newBuilder().setContainerRemoved(id).build());
  }

  public Future<Void> removeImage(String id) {
    images.remove(id);
    return write(JournalRecord.newBuilder().setImageRemoved(id).build());
  }

  private Future<Void> write(JournalRecord record) {
    if (broken != null) {
      return Future.failedFuture(unavailable());
    }
    Promise<Void> done = ctx.promise();
    pending.add(record.toByteArray());
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
      waiters.forEach(w -> {
        if (broken == null) {
          w.complete();
        } else {
          w.fail(unavailable());
        }
      });
      flush();
      if (!writing) {
        idle.forEach(Promise::complete);
        idle.clear();
      }
    });
  }

  private CriStateException unavailable() {
    return new CriStateException("CRI state journal " + journal.path() + " failed to write (" + broken.getMessage()
        + "); the state is no longer saved: restart nri-vertx", broken);
  }

  /** Waits for pending writes, then closes the journal and releases the directory lock. */
  public Future<Void> close() {
    Promise<Void> drained = ctx.promise();
    if (writing) {
      idle.add(drained);
    } else {
      drained.complete();
    }
    return drained.future().compose(v -> ctx.executeBlocking(() -> {
          journal.close();
          return null;
        }));
  }
}
