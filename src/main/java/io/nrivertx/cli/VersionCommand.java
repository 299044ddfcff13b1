package io.nrivertx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nri-vertx version}: one line, for bug reports and scripts. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = "Prints the nri-vertx version, the NRI version it implements and the Java version.")
final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(Main.versionLine());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
