package io.nrivertx.cli;

import io.nrivertx.config.ConfigException;
import io.nrivertx.config.Durations;
import io.nrivertx.config.NriConfig;
import io.nrivertx.scenario.ScenarioException;
import io.nrivertx.scenario.ScenarioFile;
import io.nrivertx.scenario.ScenarioParser;
import io.nrivertx.scenario.ScenarioResult;
import io.nrivertx.scenario.Scenarios;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nri-vertx scenario FILE}: plays a scenario (docs/scenario.md) and prints one JSON line
 * per step on stdout; everything else goes to stderr, so stdout can be piped to a JSON reader.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = {"Plays a scenario file against the plugins named in it and prints one JSON line per step.",
        "Exit 0: every step passed; 1: a step failed, plugins did not register, or the run timed out; "
            + "2: bad file or options."})
final class ScenarioCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The scenario (YAML, see docs/scenario.md).")
  Path file;

  @Mixin
  ConfigOptions config;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
      description = "Limit for the whole run, as a Go duration (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeout.isNegative() || timeout.isZero()) {
      err.println("nri-vertx scenario: --timeout must be positive, got " + Durations.format(timeout));
      return Main.BAD_INPUT;
    }
    NriConfig cfg;
    ScenarioFile scenario;
    try {
      cfg = config.resolve();
      scenario = ScenarioParser.parse(file);
    } catch (ConfigException | ScenarioException e) {
      err.println("nri-vertx scenario: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    io.nrivertx.ops.logging.LogSetup.apply(cfg.logging());
    VertxHost host;
    try {
      host = VertxHost.start();
    } catch (IllegalStateException e) {
      err.println("nri-vertx scenario: " + e.getMessage());
      return Main.FAILED;
    }
    int exit;
    try {
      ScenarioResult result = VertxHost.await(Scenarios.play(host.vertx(), cfg.options(), cfg.namespace(), scenario,
          line -> {
            out.println(line.encode());
            out.flush();
          }), timeout);
      exit = result.exitCode();
      if (exit != 0) {
        err.println("nri-vertx scenario: " + result.failed() + " of " + result.steps() + " step(s) failed");
      }
    } catch (TimeoutException e) {
      err.println("nri-vertx scenario: " + file + " did not finish within --timeout " + Durations.format(timeout));
      exit = Main.FAILED;
    } catch (ExecutionException e) {
      err.println("nri-vertx scenario: " + VertxHost.describe(e));
      exit = Main.FAILED;
    }
    String problem = host.close((io.nrivertx.NriRuntime) null);
    if (problem != null) {
      err.println("nri-vertx scenario: unclean shutdown: " + problem);
    }
    err.flush();
    return exit;
  }
}
