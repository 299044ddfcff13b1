package io.nrivertx.cli;

import io.nrivertx.config.ConfigException;
import io.nrivertx.config.ConfigPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nri-vertx config --print}: resolves the configuration exactly as {@code run} would
 * (same sources, same flags) and prints it with the source of every value, without starting
 * anything. A bad source fails the same way, with exit status 2.
 */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = {"Shows the effective configuration and where each value came from (the embedded defaults, "
        + "containerd's config.toml, nri.conf, --config, NRI_VERTX_* variables, -Dnrivertx.* properties, flags).",
        "The output is YAML that --config accepts."})
final class ConfigCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions config;

  @Option(names = "--print", description = "Print the effective configuration.")
  boolean print;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!print) {
      throw new ParameterException(spec.commandLine(), "Missing option: --print");
    }
    try {
      spec.commandLine().getOut().print(ConfigPrinter.print(config.resolve()));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("nri-vertx config: " + e.getMessage());
      return Main.BAD_INPUT;
    }
  }
}
