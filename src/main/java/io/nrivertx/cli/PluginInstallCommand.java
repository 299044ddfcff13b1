package io.nrivertx.cli;

import io.nrivertx.service.PluginNames;
import io.nrivertx.stub.samples.Samples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nri-vertx plugin install NAME --idx NN}: installs a sample plugin the way NRI's docs
 * install plugins, a program elsewhere plus a symlink {@code NN-NAME} in the plugin directory
 * ({@code ln -s /usr/local/bin/v010-adapter /opt/nri/plugins/00-v010-adapter}). The program is a
 * {@link LauncherScript} named {@code nri-vertx-NAME} (a bare "logger" would shadow the system's
 * logger command).
 */
@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = {"Installs a sample plugin for a runtime to launch: writes the launcher script BIN-DIR/nri-vertx-NAME "
        + "and links PLUGIN-PATH/NN-NAME to it.",
        "Flags after NAME (after `--` if they start with '-') are always given to the plugin; -idx is not allowed "
            + "there (a launched plugin's index comes from the runtime)."})
final class PluginInstallCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The sample plugin: ${COMPLETION-CANDIDATES}.",
      completionCandidates = SampleNames.class)
  String name;

  @Parameters(index = "1..*", paramLabel = "FLAG", description = "Flags always given to the plugin.")
  List<String> pluginArgs = new ArrayList<>();

  @Option(names = "--idx", required = true, paramLabel = "NN", description = "The plugin's index, two digits.")
  String idx;

  @Option(names = "--plugin-path", paramLabel = "DIR", defaultValue = "/opt/nri/plugins",
      description = "The runtime's plugin directory (default ${DEFAULT-VALUE}); created if missing.")
  Path pluginPath;

  @Option(names = "--bin-dir", paramLabel = "DIR", defaultValue = "/usr/local/bin",
      description = "Where the launcher script goes (default ${DEFAULT-VALUE}); created if missing.")
  Path binDir;

  @Option(names = "--jar", paramLabel = "FILE", description = "The nri-vertx jar to run (default: the running one).")
  Path jar;

  @Option(names = "--java", paramLabel = "FILE", description = "The java (JDK >= 25) to run it with (default: the "
      + "running one).")
  Path java;

  @Option(names = "--jvm-arg", paramLabel = "ARG", defaultValue = "-XX:+UseSerialGC",
      description = "An option for the plugin's JVM, repeatable (default ${DEFAULT-VALUE}).")
  List<String> jvmArgs;

  @Option(names = "--force", description = "Replace an existing launcher script or link.")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String problem = check();
      if (problem != null) {
        err.println("nri-vertx plugin install: " + problem);
        return Main.BAD_INPUT;
      }
      Path javaBin = (java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java")).toAbsolutePath();
      Path jarFile = (jar != null ? jar : runningJar()).toAbsolutePath();
      Path script = binDir.toAbsolutePath().resolve("nri-vertx-" + name);
      Path link = pluginPath.toAbsolutePath().resolve(idx + "-" + name);
      for (Path existing : List.of(script, link)) {
        if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && !force) {
          err.println("nri-vertx plugin install: " + existing + " exists; remove it or use --force");
          return Main.BAD_INPUT;
        }
      }
      Files.createDirectories(script.getParent());
      Files.createDirectories(link.getParent());
      Files.writeString(script, new LauncherScript(name, javaBin, jarFile, jvmArgs, pluginArgs).text());
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, script);
      out.println("wrote " + script + " (runs " + jarFile + " with " + javaBin + ")");
      out.println("linked " + link + " -> " + script);
      out.flush();
      return 0;
    } catch (IOException | IllegalStateException e) {
      err.println("nri-vertx plugin install: " + VertxHost.describe(e));
      return Main.FAILED;
    }
  }

  private String check() {
    if (!Samples.names().contains(name)) {
      return "unknown plugin \"" + name + "\", expected one of " + String.join(", ", Samples.names());
    }
    String badIndex = PluginNames.checkIndex(idx);
    if (badIndex != null) {
      return badIndex + " (--idx)";
    }
    if (pluginArgs.stream().anyMatch(a -> a.matches("--?idx(=.*)?"))) {
      return "-idx among the plugin's flags: a launched plugin gets its index (" + idx + ") from the runtime";
    }
    if (java != null && !Files.isExecutable(java)) {
      return "--java " + java + " is not an executable file";
    }
    if (jar != null && !Files.isRegularFile(jar)) {
      return "--jar " + jar + " is not a file";
    }
    return null;
  }

  /** The jar this command runs from; a class directory (IDE, tests) has no jar to point at. */
  private static Path runningJar() {
    try {
      Path location = Path.of(PluginInstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
        return location;
      }
      throw new IllegalStateException("not running from the nri-vertx jar (" + location + "): pass --jar FILE");
    } catch (java.net.URISyntaxException | SecurityException e) {
      throw new IllegalStateException("cannot tell which jar runs: pass --jar FILE", e);
    }
  }

  /** For the usage text. */
  static final class SampleNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Samples.names().iterator();
    }
  }
}
