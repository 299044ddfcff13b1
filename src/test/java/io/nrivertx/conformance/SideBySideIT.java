package io.nrivertx.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nrivertx.containerd.Binaries;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side run in CI: every script of src/test/resources/sidebyside on the CRI bench and
 * on containerd v2.4.2 gives the same NRI requests, step outcomes and container specs after
 * {@link SideBySideNormalizer}, but for the bench bugs still listed in {@link KnownDifferences}. Like ContainerdIT it is skipped on a machine that cannot run
 * containerd, and fails there with CI=true.
 */
class SideBySideIT {
  @Test
  void benchAndContainerdAgreeOnEveryScript() {
    List<CriScript> scripts = SideBySide.scripts(Path.of(System.getProperty("nri.project.dir", ".")));
    assertFalse(scripts.isEmpty(), "no side-by-side scripts");
    List<SideBySide.Result> results = SideBySide.run(scripts, Binaries.CONTAINERD_VERSIONS.get(0));
    for (SideBySide.Result r : results) {
      // Both runs saw the whole script: the comparison is not vacuous.
      assertFalse(r.containerd().getJsonArray("nri").isEmpty(), "containerd's recorder saw nothing");
      assertEquals(List.of(), KnownDifferences.unknown(r.differences()).stream()
          .map(d -> d.describe("bench", "containerd")).toList(), r.report());
    }
  }
}
