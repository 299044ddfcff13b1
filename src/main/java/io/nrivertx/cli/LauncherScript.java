package io.nrivertx.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell script through which a runtime launches an nri-vertx sample plugin. A runtime starts
 * pre-installed plugins with no arguments and a replaced environment (no PATH, no JAVA_HOME), so
 * the script names the java and the jar by absolute path. It passes no index: a launched plugin
 * takes name and index from NRI_PLUGIN_NAME/NRI_PLUGIN_IDX, and an index given as a flag as well
 * would have to agree with them (the Go stub's rule).
 *
 * @param plugin the sample's name
 * @param java a java of a JDK ≥ 25
 * @param jar the nri-vertx jar
 * @param jvmArgs options for the plugin's JVM
 * @param pluginArgs flags always given to the plugin, before the script's own arguments
 */
record LauncherScript(String plugin, Path java, Path jar, List<String> jvmArgs, List<String> pluginArgs) {

  String text() {
    List<String> command = new ArrayList<>(List.of("exec", "\"$java\""));
    jvmArgs.forEach(a -> command.add(quote(a)));
    command.addAll(List.of("-jar", "\"$jar\"", "plugin", quote(plugin)));
    pluginArgs.forEach(a -> command.add(quote(a)));
    command.add("\"$@\"");
    return """
        #!/bin/sh
        # Launcher of the nri-vertx sample plugin "%1$s", written by `nri-vertx plugin install`.
        # A runtime launches it with no arguments and the socket on fd 3 (NRI_PLUGIN_SOCKET=3); the
        # plugin takes its name and index from NRI_PLUGIN_NAME and NRI_PLUGIN_IDX, so none is set here.
        # Run by hand, give it the plugin's flags (e.g. -idx 10).
        java=%2$s
        jar=%3$s
        if [ ! -x "$java" ] || [ ! -f "$jar" ]; then
          echo "nri-vertx plugin %1$s: $java or $jar is gone; run 'nri-vertx plugin install %1$s' again" >&2
          exit 1
        fi
        %4$s
        """.formatted(plugin, quote(java.toString()), quote(jar.toString()), String.join(" ", command));
  }

  /** Single-quoted for sh: nothing inside is expanded. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
