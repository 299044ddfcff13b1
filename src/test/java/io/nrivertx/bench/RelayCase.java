package io.nrivertx.bench;

import io.nrivertx.NriOptions;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.Ops;
import io.nrivertx.relay.Relay;
import io.nrivertx.relay.RelayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code relay-create}: CreateContainer timed inside the official Go adaptation (benchrunner, in
 * a child process) with the nri-vertx relay (in this JVM, set up as {@code relay} sets it up) as
 * its one plugin and the adjusters behind the relay. Its Go counterpart is the same benchrunner
 * with the adjusters connected directly ({@code -case relay-create} without {@code -behind} is
 * {@code create}), so the ratio is what the relay adds.
 */
final class RelayCase {
  private RelayCase() {
  }

  static JsonObject run(Map<String, String> o, Path dir) throws Exception {
    Path upstream = dir.resolve("nri.sock");
    Path down = dir.resolve("down.sock");
    List<String> cmd = new ArrayList<>(List.of(o.get("peer"), "-case", "create", "-dir", dir.toString(),
        "-behind", down.toString(), "-plugins", o.getOrDefault("plugins", "3"),
        "-warmup", o.getOrDefault("warmup", "5000"), "-events", o.getOrDefault("events", "20000"),
        "-adjuster", o.get("adjuster"), "-request", o.get("request")));
    Path out = dir.resolve("benchrunner.json");
    Process go = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Ops ops = Ops.create(new MetricsOptions().setAddress(Boolean.getBoolean("bench.noOps") ? "" : "127.0.0.1:0"));
    Vertx vertx = ops.vertxBuilder(Ops.processVertxOptions()).build();
    try {
      JavaHarness.await(ops.start(vertx, Ops.processVertxOptions().getEventLoopPoolSize(), true));
      Relay relay = JavaHarness.await(Relay.deploy(vertx, new NriOptions().setSocketPath(down.toString())
          .setBusPrefix("bench-relay"), new RelayOptions().setUpstreamSocket(upstream.toString())
          .setReconnectDelay(Duration.ofMillis(50)).setReconnectMaxDelay(Duration.ofMillis(200)), "k8s.io"));
      if (!go.waitFor(15, TimeUnit.MINUTES) || go.exitValue() != 0) {
        throw new IllegalStateException("benchrunner behind the relay failed (exit "
            + (go.isAlive() ? "none" : go.exitValue()) + ")");
      }
      JavaHarness.await(relay.close());
      List<String> lines = Files.readAllLines(out);
      return new JsonObject(lines.get(lines.size() - 1));
    } finally {
      go.destroyForcibly();
      go.waitFor();
      JavaHarness.await(vertx.close());
    }
  }
}
