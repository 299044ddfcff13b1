package io.nrivertx.cli;

import io.nrivertx.NriOptions;
import io.nrivertx.Version;
import io.nrivertx.config.Durations;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code nri-vertx} command. Exit codes: 0 success, 1 failure (the runtime could not start,
 * a scenario step failed), 2 bad usage, configuration or scenario file.
 */
@Command(name = "nri-vertx", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = "The runtime side of NRI (containerd's Node Resource Interface) on Vert.x.",
    subcommands = {RunCommand.class, RelayCommand.class, ScenarioCommand.class, VersionCommand.class, PluginCommand.class,
        ConfigCommand.class, StatusCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (cannot start, a scenario step failed)",
        "2:bad usage, configuration or scenario file"})
public final class Main implements Runnable {
  /** Exit code for a bad command line, configuration or scenario file (picocli's usage code). */
  static final int BAD_INPUT = CommandLine.ExitCode.USAGE;
  static final int FAILED = 1;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests redirect its out and err writers. */
  public static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.registerConverter(Duration.class, Durations::parse);
    return cmd;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: run, relay, scenario or version");
  }

  static String versionLine() {
    return "nri-vertx " + Version.current() + " (NRI " + NriOptions.NRI_VERSION + ", Java "
        + Runtime.version() + ")";
  }

  /** For --version on every command. */
  static final class VersionInfo implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {versionLine()};
    }
  }
}
