package io.nrivertx.containerd;

import java.nio.file.Path;

/**
 * The private work directory of one harness instance. Short on purpose: the shims' socket paths
 * live under it and a unix socket path is limited to 108 bytes.
 */
record Layout(Path dir) {
  Path config() {
    return dir.resolve("config.toml");
  }

  Path root() {
    return dir.resolve("root");
  }

  Path state() {
    return dir.resolve("state");
  }

  /** containerd's gRPC socket: the CRI endpoint crictl talks to, and ctr's address. */
  Path grpc() {
    return dir.resolve("c.sock");
  }

  Path ttrpc() {
    return dir.resolve("t.sock");
  }

  Path shimSockets() {
    return dir.resolve("s");
  }

  Path runcRoot() {
    return dir.resolve("runc");
  }

  Path nriSocket() {
    return dir.resolve("nri.sock");
  }

  Path plugins() {
    return dir.resolve("nri-plugins");
  }

  Path pluginConfig() {
    return dir.resolve("nri-conf");
  }

  Path cniBin() {
    return dir.resolve("cni-bin");
  }

  Path cniConf() {
    return dir.resolve("cni-conf");
  }

  /** Pod and container configs for crictl, and the pods' log directories. */
  Path pods() {
    return dir.resolve("pods");
  }
}
