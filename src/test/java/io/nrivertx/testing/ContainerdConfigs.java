package io.nrivertx.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The containerd config.toml samples of src/test/resources/containerd, installed under a
 * temporary root: their absolute NRI paths (/etc/nri, /opt/nri, /var/run) are moved below it, so a
 * test follows the documented installation steps verbatim without touching the real ones.
 */
public final class ContainerdConfigs {
  private ContainerdConfigs() {
  }

  /** The sample as shipped. */
  public static String text(String name) {
    try (InputStream in = ContainerdConfigs.class.getResourceAsStream("/containerd/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource containerd/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code root}/etc/containerd/config.toml from the sample with every NRI path under {@code root}. */
  public static Path install(String name, Path root) {
    String text = text(name).replace("/etc/nri", root + "/etc/nri").replace("/opt/nri", root + "/opt/nri")
        .replace("/var/run", root + "/var/run");
    try {
      Path file = Files.createDirectories(root.resolve("etc/containerd")).resolve("config.toml");
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
