package io.nrivertx.conformance;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;

/** The Go adaptations the relay differential runs against, by NRI version. */
final class Upstreams {
  static final String CURRENT = "v0.12.5";
  static final List<String> VERSIONS = List.of(CURRENT, "v0.6.1", "v0.3.0");

  private Upstreams() {
  }

  /** The case as the adaptation of {@code version} can play it (unchanged for the current one). */
  static ConformanceCase adapt(ConformanceCase c, String version) {
    return version.equals(CURRENT) ? c : LegacyCases.restrict(c, version);
  }

  /** The adaptation the relay connects to. */
  static UpstreamRunner runner(String version, Path bin, Vertx vertx, Path log) {
    return create("upstream", version, bin, log);
  }

  /** The same adaptation with the plugins connected directly: the authority. */
  static UpstreamRunner direct(String version, Path bin, Vertx vertx, Path log) {
    return create("direct", version, bin, log);
  }

  private static UpstreamRunner create(String name, String version, Path bin, Path log) {
    if (!VERSIONS.contains(version)) {
      throw new IllegalArgumentException("unknown upstream " + version + " (expected one of " + VERSIONS + ")");
    }
    return version.equals(CURRENT) ? new RefRunner(name, bin, log) : new OldUpstream(name, version, log);
  }
}
