package io.nrivertx.cli;

import io.nrivertx.config.ConfigException;
import io.nrivertx.config.NriConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nri-vertx status}: asks a running instance's operations endpoint for {@code /readyz}
 * and {@code /healthz} and prints each check, or the JSON with {@code --json}. The address is
 * the configured {@code metrics.address} (same sources and flags as {@code run}) unless
 * {@code --address} names one.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = {"Shows whether a running nri-vertx is ready and live, check by check, and its plugins.",
        "Exit status: 0 ready, 1 not ready or not live, 3 no answer from the endpoint, 2 bad usage."})
final class StatusCommand implements Callable<Integer> {
  static final int UNREACHABLE = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Mixin
  ConfigOptions config;

  @Option(names = "--address", paramLabel = "HOST:PORT",
      description = "The operations endpoint to ask (default: the configured metrics.address).")
  String address;

  @Option(names = "--json", description = "Print the endpoint's JSON answers as they are.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String target = address;
    if (target == null) {
      try {
        NriConfig cfg = config.resolve();
        target = cfg.metrics().getAddress();
      } catch (ConfigException e) {
        err.println("nri-vertx status: " + e.getMessage());
        return Main.BAD_INPUT;
      }
      if (target.isEmpty()) {
        err.println("nri-vertx status: no operations endpoint is configured (metrics.address is \"\"); "
            + "name one with --address HOST:PORT");
        return Main.BAD_INPUT;
      }
    }
    String base = "http://" + target;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      Answer ready = get(http, base + "/readyz");
      Answer live = get(http, base + "/healthz");
      if (json) {
        out.println(new JsonObject().put("endpoint", base).put("ready", ready.body()).put("live", live.body())
            .encodePrettily());
      } else {
        StatusReport.print(out, base, ready, live);
      }
      out.flush();
      return ready.up() && live.up() ? 0 : Main.FAILED;
    } catch (IOException | DecodeException e) {
      String why = e instanceof java.net.ConnectException ? "connection refused"
          : e instanceof java.net.http.HttpTimeoutException ? "no answer within " + TIMEOUT.toSeconds() + " s"
          : VertxHost.describe(e);
      err.println("nri-vertx status: no answer from " + base + ": " + why
          + " (is nri-vertx running, and is metrics.address " + target + "?)");
      return UNREACHABLE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNREACHABLE;
    }
  }

  /** One health answer: 200 is up, 503 is down; its body lists the checks. */
  record Answer(int code, JsonObject body) {
    boolean up() {
      return code == 200 || code == 204;
    }
  }

  private static Answer get(HttpClient http, String url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 503 && r.statusCode() != 204) {
      throw new IOException("HTTP " + r.statusCode() + " from " + url);
    }
    return new Answer(r.statusCode(), r.body().isBlank() ? new JsonObject() : new JsonObject(r.body()));
  }
}
