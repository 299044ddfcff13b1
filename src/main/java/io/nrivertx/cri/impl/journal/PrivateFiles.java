package io.nrivertx.cri.impl.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The journal holds every container's OCI spec, environment included, so its directories are
 * created 0700 and its files 0600 (at creation, never chmod-ed afterwards). An existing directory
 * or file that others may read is reported and left as it is: nri-vertx never changes the
 * permissions of what it did not create.
 */
public final class PrivateFiles {
  private static final System.Logger LOG = System.getLogger(PrivateFiles.class.getName());
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private PrivateFiles() {
  }

  /**
   * Creates {@code dir} (and missing parents) 0700, or reports it when it exists and is wider.
   *
   * @param warnings gets the warning, which is also logged
   */
  public static void directory(Path dir, List<String> warnings) throws IOException {
    if (Files.isDirectory(dir)) {
      report(dir, "directory", warnings);
    } else {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(JournalFs.DIR_MODE));
    }
  }

  /** Reports an existing file others may read or write. */
  public static void file(Path file, List<String> warnings) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      report(file, "file", warnings);
    }
  }

  private static void report(Path p, String kind, List<String> warnings) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    if (perms.stream().anyMatch(OTHERS::contains)) {
      String w = "CRI state " + kind + " " + p + " has permissions " + PosixFilePermissions.toString(perms)
          + "; other users may read the journal, which holds every container's spec and environment"
          + " (left unchanged: chmod " + ("directory".equals(kind) ? "700" : "600") + " it)";
      LOG.log(System.Logger.Level.WARNING, w);
      warnings.add(w);
    }
  }
}
