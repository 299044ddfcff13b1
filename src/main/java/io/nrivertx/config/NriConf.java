package io.nrivertx.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * NRI's own runtime configuration file of containerd 1.7 ({@code config_file}, usually
 * /etc/nri/nri.conf): YAML whose only key is {@code disableConnections}, read strictly as NRI
 * did. NRI took the plugins' drop-in directory from it too, as {@code conf.d} beside it; that
 * applies here unless the same containerd section sets {@code plugin_config_path}. As in NRI, a
 * named file that is missing is an error: the containerd 1.7 docs have operators create it to
 * turn NRI on.
 */
final class NriConf {
  static final String KEY = "disableConnections";

  private NriConf() {
  }

  static NriConfig apply(NriConfig base, Path file, boolean dropInBeside) {
    String text = ConfigLoader.read(file, "NRI config (config_file)");
    NriConfig cfg = base;
    if (dropInBeside) {
      Path dir = file.toAbsolutePath().getParent().resolve("conf.d");
      cfg = cfg.with("pluginConfigPath", dir.toString(), "conf.d beside " + file + " (config_file, as NRI 0.3-0.6)");
    }
    try {
      Node root = YamlTree.parse(text);
      if (root == null) {
        return cfg;
      }
      Map<String, NodeTuple> entries = YamlTree.mapping(root, "");
      YamlTree.allowOnly(entries, "", List.of(KEY));
      NodeTuple t = entries.get(KEY);
      return t == null ? cfg : cfg.with(KEY, YamlTree.bool(t.getValueNode(), KEY),
          file + ":" + YamlTree.line(t.getKeyNode()));
    } catch (YamlProblem p) {
      throw new ConfigException("bad NRI config " + p.describe(file.toString()));
    }
  }
}
