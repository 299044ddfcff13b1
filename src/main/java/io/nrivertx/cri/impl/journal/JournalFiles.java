package io.nrivertx.cri.impl.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the journal's files and what a directory holds. Generation {@code g} is
 * {@code snapshot.g} (every live object when {@code journal.g} was started; absent for the first
 * generation) followed by {@code journal.g} (each change since). Only the newest complete
 * snapshot counts; older generations are leftovers of a compaction that did not finish cleaning.
 *
 * @param tails generations with a {@code journal.g}, ascending
 * @param snapshots generations with a complete {@code snapshot.g}, ascending
 * @param partial snapshots being written when the process stopped ({@code snapshot.g.tmp})
 * @param legacy the single {@code journal} file of nri-vertx before generations, if present
 */
record JournalFiles(TreeSet<Long> tails, TreeSet<Long> snapshots, List<Path> partial, Path legacy) {
  static final String TAIL = "journal";
  static final String SNAPSHOT = "snapshot";
  private static final Pattern NAME = Pattern.compile("(journal|snapshot)\\.(\\d{1,18})(\\.tmp)?");

  static Path tail(Path dir, long gen) {
    return dir.resolve(TAIL + "." + gen);
  }

  static Path snapshot(Path dir, long gen) {
    return dir.resolve(SNAPSHOT + "." + gen);
  }

  static Path partialSnapshot(Path dir, long gen) {
    return dir.resolve(SNAPSHOT + "." + gen + ".tmp");
  }

  static Path tornCopy(Path dir, long gen, long offset) {
    return dir.resolve(TAIL + "." + gen + ".torn-" + offset);
  }

  static JournalFiles list(Path dir) throws IOException {
    TreeSet<Long> tails = new TreeSet<>();
    TreeSet<Long> snapshots = new TreeSet<>();
    List<Path> partial = new ArrayList<>();
    Path legacy = null;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (name.equals(TAIL)) {
          legacy = p;
        } else if (name.equals(TAIL + ".compact")) {
          partial.add(p); // the old single-file format's unfinished compaction
        } else if (m.matches() && m.group(3) != null) {
          partial.add(p);
        } else if (m.matches()) {
          (m.group(1).equals(TAIL) ? tails : snapshots).add(Long.parseLong(m.group(2)));
        }
      }
    }
    return new JournalFiles(tails, snapshots, partial, legacy);
  }

  /** The generation recovery starts from: the newest complete snapshot, else the oldest tail. */
  long base() {
    if (!snapshots.isEmpty()) {
      return snapshots.last();
    }
    return tails.isEmpty() ? 1 : tails.first();
  }
}
