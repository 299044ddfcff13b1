package io.nrivertx.containerd;

import io.nrivertx.config.Durations;
import java.nio.file.Path;

/**
 * containerd's config.toml (version 3, which 2.3 and 2.4 both read) for one harness instance:
 * everything private to its work directory, the CRI plugin on runc with cgroupfs, no CNI (pods use
 * the host network), the test image pinned as the sandbox image, and the NRI section.
 */
final class ContainerdConfig {
  private ContainerdConfig() {
  }

  static String toml(Layout l, ContainerdOptions o, Binaries b) {
    Path socket = o.nriSocket() != null ? o.nriSocket() : l.nriSocket();
    Path plugins = o.pluginPath() != null ? o.pluginPath() : l.plugins();
    Path conf = o.pluginConfigPath() != null ? o.pluginConfigPath() : l.pluginConfig();
    return """
        version = 3
        root = %s
        state = %s

        [grpc]
          address = %s
        [ttrpc]
          address = %s
        [debug]
          address = ""
        [metrics]
          address = ""

        [plugins.'io.containerd.shim.v1.manager']
          socket_dir = %s

        [plugins.'io.containerd.nri.v1.nri']
          disable = %s
          socket_path = %s
          plugin_path = %s
          plugin_config_path = %s
          plugin_registration_timeout = %s
          plugin_request_timeout = %s

        [plugins.'io.containerd.cri.v1.images'.pinned_images]
          sandbox = %s

        # Root here lacks CAP_SYS_RESOURCE: CRI's -998 OOM score for sandboxes would fail in runc.
        [plugins.'io.containerd.cri.v1.runtime']
          restrict_oom_score_adj = true
          [plugins.'io.containerd.cri.v1.runtime'.containerd]
            default_runtime_name = "runc"
            [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
              [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
                BinaryName = %s
                Root = %s
                SystemdCgroup = false
          [plugins.'io.containerd.cri.v1.runtime'.cni]
            bin_dirs = [%s]
            conf_dir = %s

        [plugins.'io.containerd.grpc.v1.cri']
          disable_tcp_service = true
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
        """.formatted(q(l.root()), q(l.state()), q(l.grpc()), q(l.ttrpc()), q(l.shimSockets()),
        !o.nri(), q(socket), q(plugins), q(conf), q(Durations.format(o.registrationTimeout())),
        q(Durations.format(o.requestTimeout())), q(TinyImage.REF), q(b.runc()), q(l.runcRoot()), q(l.cniBin()),
        q(l.cniConf()));
  }

  /** A TOML basic string (the harness's paths hold no quotes or backslashes). */
  private static String q(Object value) {
    String s = value.toString();
    if (s.contains("\"") || s.contains("\\")) {
      throw new IllegalArgumentException("unsupported character in " + s);
    }
    return "\"" + s + "\"";
  }
}
