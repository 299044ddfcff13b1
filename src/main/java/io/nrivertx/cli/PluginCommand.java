package io.nrivertx.cli;

import io.nrivertx.stub.samples.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code nri-vertx plugin NAME [FLAGS...]} runs one of the sample plugins of
 * {@code io.nrivertx.stub.samples}, handing it every argument untouched (its flags are Go-style:
 * {@code -idx 10}); {@code nri-vertx plugin install} makes one a pre-installed plugin. The sample
 * subcommands come from {@link Samples}, added when the command is built.
 */
@Command(name = "plugin", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    modelTransformer = PluginCommand.AddSamples.class, subcommands = PluginInstallCommand.class,
    description = {"Runs a sample NRI plugin built on the nri-vertx plugin stub, or installs one as a pre-installed "
        + "plugin.", "Everything after the plugin's name is the plugin's own flags; `nri-vertx plugin NAME -h` lists them."})
final class PluginCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing plugin: " + String.join(", ", Samples.names())
        + " or install");
  }

  /** One sample as a subcommand: no options of its own, so that -h and the like reach the plugin. */
  @Command(name = "sample")
  static final class SampleCommand implements Callable<Integer> {
    private final String name;

    @Unmatched
    List<String> args = new ArrayList<>();

    SampleCommand(String name) {
      this.name = name;
    }

    @Override
    public Integer call() {
      return Samples.run(name, args.toArray(String[]::new));
    }
  }

  /** Adds one subcommand per sample, so that the list (and `plugin --help`) follows {@link Samples}. */
  static final class AddSamples implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec plugin) {
      for (String name : Samples.names()) {
        CommandLine sample = new CommandLine(new SampleCommand(name));
        sample.getCommandSpec().usageMessage().description(Samples.description(name),
            "Arguments are the plugin's own flags, passed on untouched; -h lists them.");
        plugin.addSubcommand(name, sample);
      }
      return plugin;
    }
  }
}
