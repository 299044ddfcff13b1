package io.nrivertx.containerd;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one harness instance runs: the containerd release and its NRI section. Unset paths are
 * private ones under the instance's work directory (an empty plugin directory, a socket of its
 * own).
 */
public final class ContainerdOptions {
  private String version = Binaries.CONTAINERD_VERSIONS.get(0);
  private boolean nri = true;
  private Path nriSocket;
  private Path pluginPath;
  private Path pluginConfigPath;
  private Duration registrationTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(2);

  public String version() {
    return version;
  }

  /** A release of {@link Binaries#CONTAINERD_VERSIONS}, e.g. "v2.4.2". */
  public ContainerdOptions version(String version) {
    this.version = version;
    return this;
  }

  public boolean nri() {
    return nri;
  }

  /** false: {@code disable = true} in the NRI section. */
  public ContainerdOptions nri(boolean enabled) {
    this.nri = enabled;
    return this;
  }

  public Path nriSocket() {
    return nriSocket;
  }

  /** Where containerd's NRI listens for plugins (default: {@code nri.sock} in the work directory). */
  public ContainerdOptions nriSocket(Path socket) {
    this.nriSocket = socket;
    return this;
  }

  public Path pluginPath() {
    return pluginPath;
  }

  /** containerd's pre-installed NRI plugins (default: an empty directory of its own). */
  public ContainerdOptions pluginPath(Path dir) {
    this.pluginPath = dir;
    return this;
  }

  public Path pluginConfigPath() {
    return pluginConfigPath;
  }

  public ContainerdOptions pluginConfigPath(Path dir) {
    this.pluginConfigPath = dir;
    return this;
  }

  public Duration registrationTimeout() {
    return registrationTimeout;
  }

  public ContainerdOptions registrationTimeout(Duration timeout) {
    this.registrationTimeout = timeout;
    return this;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** containerd's {@code plugin_request_timeout}: the deadline of each call to a plugin. */
  public ContainerdOptions requestTimeout(Duration timeout) {
    this.requestTimeout = timeout;
    return this;
  }
}
