package io.nrivertx.containerd;

import io.nrivertx.cri.Crictl;
import io.nrivertx.testing.GoPeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The programs one harness instance runs, built from the Go module proxy on first use and cached
 * by version under {@code ${nri.build.dir}/containerd/bin}: containerd, ctr and the runc shim of
 * one containerd release, runc, crictl (the project's pin) and the tiny image program.
 *
 * <p>Build facts: containerd without cgo and with the tags that drop snapshotters needing C
 * libraries; runc with cgo (its nsenter is C) and without seccomp (no libseccomp headers here, so
 * a pod asking for the RuntimeDefault seccomp profile fails).
 */
public record Binaries(String version, Path containerd, Path ctr, Path shim, Path runc, Path tiny) {
  /** The containerd releases the tests run against; their NRI is v0.12.3 (2.4) and v0.10.0 (2.3). */
  public static final List<String> CONTAINERD_VERSIONS = List.of("v2.4.2", "v2.3.7");
  public static final String RUNC_VERSION = "v1.5.3";
  private static final String CONTAINERD_MODULE = "github.com/containerd/containerd/v2";
  private static final String TAGS = "urfave_cli_no_docs no_btrfs no_zfs no_devmapper";

  /** Builds what is missing (minutes when cold, nothing when warm). */
  public static synchronized Binaries of(String containerdVersion) {
    Path bin = dir();
    Path ctrd = GoBuild.build(bin.resolve("containerd-" + containerdVersion), bin, Map.of("CGO_ENABLED", "0"),
        List.of("install", "-tags", TAGS, CONTAINERD_MODULE + "/cmd/containerd@" + containerdVersion,
            CONTAINERD_MODULE + "/cmd/ctr@" + containerdVersion,
            CONTAINERD_MODULE + "/cmd/containerd-shim-runc-v2@" + containerdVersion));
    Path runc = GoBuild.build(bin.resolve("runc-" + RUNC_VERSION), bin, Map.of("CGO_ENABLED", "1"),
        List.of("install", "github.com/opencontainers/runc@" + RUNC_VERSION));
    return new Binaries(containerdVersion, ctrd.resolve("containerd"), ctrd.resolve("ctr"),
        ctrd.resolve("containerd-shim-runc-v2"), runc.resolve("runc"), buildTiny());
  }

  /**
   * The tiny program (src/test/go-containerd/tiny), static; cached by a digest of its source,
   * which unlike a release changes with the project.
   */
  static synchronized Path buildTiny() {
    Path module = Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath().resolve("src/test/go-containerd");
    Path target = dir().resolve("tiny-" + sourceDigest(module));
    return GoBuild.build(target, module, Map.of("CGO_ENABLED", "0"), List.of("build", "-o", "{out}/tiny", "./tiny"))
        .resolve("tiny");
  }

  private static String sourceDigest(Path module) {
    try (var files = Files.walk(module)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(module.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new AssertionError("cannot read " + module, e);
    }
  }

  /** crictl, as the CRI tests build it. */
  public static Path crictl() {
    return Crictl.binary();
  }

  static Path dir() {
    return GoPeers.buildDir().resolve("containerd").resolve("bin");
  }
}
