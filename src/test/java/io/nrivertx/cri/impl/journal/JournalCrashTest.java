package io.nrivertx.cri.impl.journal;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.cri.CriStateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety at every step: a scripted run of appends and compactions is killed at each of its
 * file operations in turn ({@link CrashingFs}), and recovery must then give back exactly the
 * acknowledged state, plus at most a prefix of the one batch that was being written. Recovery is
 * itself killed at each of its steps, and the recovery after that must give the same answer.
 */
class JournalCrashTest {
  private static final int BATCHES = 24;

  /** What a run acknowledged before it died, and the batch it was writing. */
  private record Outcome(Map<String, String> acked, List<String> inFlight) {
  }

  @Test
  void recoveryAfterACrashAtAnyStepGivesTheAcknowledgedState(@TempDir Path tmp) throws IOException {
    CrashingFs counter = new CrashingFs(-1);
    Outcome full = play(Files.createDirectory(tmp.resolve("uncrashed")), counter);
    assertEquals(List.of(), full.inFlight());
    assertEquals(full.acked(), recover(tmp.resolve("uncrashed"), JournalFs.posix()));
    int steps = counter.steps().size();
    assertTrue(counter.steps().stream().anyMatch(s -> s.startsWith("move snapshot.")), "the run compacts");
    int recoveryCrashes = 0;
    for (int n = 0; n < steps; n++) {
      Path dir = Files.createDirectory(tmp.resolve("crash-" + n));
      CrashingFs fs = new CrashingFs(n);
      Outcome o = play(dir, fs);
      assertTrue(fs.crashed(), "step " + n + " was reached");
      String where = "crash at step " + n + " (" + counter.steps().get(n) + ")";
      assertAcceptable(o, recover(copy(dir, tmp.resolve("check-" + n)), JournalFs.posix()), where);
      for (int m = 0; ; m++) {
        Path again = copy(dir, tmp.resolve("crash-" + n + "-recovery-" + m));
        CrashingFs recoveryFs = new CrashingFs(m);
        try {
          recover(again, recoveryFs);
        } catch (CriStateException e) {
          assertInstanceOf(CrashingFs.Crash.class, e.getCause(), where + ", recovery killed at step " + m);
        }
        if (!recoveryFs.crashed()) {
          break; // recovery has fewer steps than m
        }
        recoveryCrashes++;
        assertAcceptable(o, recover(again, JournalFs.posix()), where + ", recovery killed at step " + m);
      }
      assertStillUsable(dir, recover(dir, JournalFs.posix()));
    }
    assertTrue(recoveryCrashes > steps, "recovery steps were crashed too: " + recoveryCrashes);
  }

  /** A deterministic run: batches of puts and removals, a compaction every fifth batch with an append during it. */
  private static Outcome play(Path dir, JournalFs fs) {
    Map<String, String> state = new TreeMap<>();
    Map<String, String> acked = new TreeMap<>();
    List<String> inFlight = List.of();
    Random random = new Random(13);
    Journal journal = null;
    try {
      journal = Journal.open(dir, true, fs, b -> fail("a new directory has no records")).journal();
      for (int batch = 0; batch < BATCHES; batch++) {
        inFlight = batch(random, state);
        journal.append(encode(inFlight));
        acked = new TreeMap<>(state);
        inFlight = List.of();
        if (batch % 5 == 4) {
          List<byte[]> snapshot = encode(state.entrySet().stream().map(e -> "put " + e.getKey() + " " + e.getValue())
              .toList());
          long gen = journal.rotate();
          inFlight = batch(random, state); // appends go on while the snapshot is written
          journal.append(encode(inFlight));
          acked = new TreeMap<>(state);
          inFlight = List.of();
          journal.writeSnapshot(gen, snapshot.iterator());
          journal.dropBefore(gen);
        }
      }
    } catch (CriStateException | IOException e) {
      Throwable cause = e instanceof CriStateException ? e.getCause() : e;
      if (!(cause instanceof CrashingFs.Crash)) {
        throw new AssertionError("not the injected crash", e);
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
    return new Outcome(acked, inFlight);
  }

  private static List<String> batch(Random random, Map<String, String> state) {
    List<String> ops = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
      String key = "k" + random.nextInt(6);
      String op = random.nextInt(4) == 0 ? "del " + key : "put " + key + " " + "v".repeat(1 + random.nextInt(40));
      apply(state, op);
      ops.add(op);
    }
    return ops;
  }

  private static void apply(Map<String, String> state, String op) {
    String[] f = op.split(" ");
    if (f[0].equals("put")) {
      state.put(f[1], f[2]);
    } else {
      state.remove(f[1]);
    }
  }

  private static List<byte[]> encode(List<String> ops) {
    return ops.stream().map(JournalTest::bytes).toList();
  }

  private static Map<String, String> recover(Path dir, JournalFs fs) {
    Map<String, String> state = new TreeMap<>();
    Journal.open(dir, true, fs, b -> apply(state, JournalTest.text(b))).journal().close();
    return state;
  }

  /** The acknowledged state, or it plus the first k records of the batch in flight. */
  private static void assertAcceptable(Outcome o, Map<String, String> recovered, String where) {
    Map<String, String> candidate = new TreeMap<>(o.acked());
    List<Map<String, String>> allowed = new ArrayList<>(List.of(new TreeMap<>(candidate)));
    for (String op : o.inFlight()) {
      apply(candidate, op);
      allowed.add(new TreeMap<>(candidate));
    }
    assertTrue(allowed.contains(recovered), where + ": recovered " + recovered + ", acknowledged " + o.acked()
        + ", in flight " + o.inFlight());
  }

  private static void assertStillUsable(Path dir, Map<String, String> state) {
    try (Journal journal = Journal.open(dir, true, JournalFs.posix(), b -> { }).journal()) {
      journal.append(encode(List.of("put after crash")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Map<String, String> expected = new TreeMap<>(state);
    expected.put("after", "crash");
    assertEquals(expected, recover(dir, JournalFs.posix()));
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectory(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
