package io.nrivertx.conformance;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.relay.Relay;
import io.nrivertx.relay.RelayOptions;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's side of the relay differential: the upstream runner (the Go adaptation) with a fresh
 * nri-vertx relay (in this JVM) connected to it as its only plugin, and the case's plugins behind
 * the relay. The case's runtime settings (request timeout, default validator) are the relay's
 * downstream runtime's: its plugins get exactly what they would get from the adaptation.
 */
final class RelaySide implements Side {
  static final String RELAY_ID = RelayOptions.DEFAULT_PLUGIN_INDEX + "-" + RelayOptions.DEFAULT_PLUGIN_NAME;
  private static final long WAIT_SECONDS = 60;

  private final Vertx vertx;
  private final UpstreamRunner upstream;
  private final AtomicInteger instances = new AtomicInteger();

  RelaySide(Vertx vertx, UpstreamRunner upstream) {
    this.vertx = vertx;
    this.upstream = upstream;
  }

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket) {
    return upstream.run(c, scenarioFile, dir, socket, new UpstreamRunner.Behind() {
      @Override
      public String id() {
        return RELAY_ID;
      }

      @Override
      public Duration upstreamTimeout(ConformanceCase cc) {
        return RelaySide.upstreamTimeout(cc);
      }

      @Override
      public Session open(ConformanceCase cc, Path runDir, Path upstreamSocket) {
        return start(cc, runDir, upstreamSocket);
      }
    });
  }

  private UpstreamRunner.Behind.Session start(ConformanceCase c, Path dir, Path upstreamSocket) {
    Path down = upstreamSocket.resolveSibling(upstreamSocket.getFileName() + ".down");
    NriOptions options = new NriOptions().setSocketPath(down.toString())
        .setBusPrefix("relay-conformance-" + instances.incrementAndGet())
        .setRequestTimeout(c.requestTimeout()).setRegistrationTimeout(JavaSide.REGISTRATION_TIMEOUT);
    if (c.defaultValidator() != null) {
      options.setDefaultValidator(DefaultValidatorConfig.fromJson(c.defaultValidator()));
    }
    Relay relay = await(Relay.deploy(vertx, options, new RelayOptions().setUpstreamSocket(upstreamSocket.toString())
        .setReconnectDelay(Duration.ofMillis(100)).setUpstreamRequestTimeout(upstreamTimeout(c)), "k8s.io"));
    PluginProcesses plugins = null;
    try {
      NriRuntime downstream = await(relay.downstream());
      PluginProcesses started = PluginProcesses.start(c.plugins(), dir, down);
      plugins = started;
      return new UpstreamRunner.Behind.Session() {
        @Override
        public void awaitPlugins() {
          await(downstream.awaitPlugins(c.plugins().stream().map(PluginSpec::id).distinct().toList(),
              Duration.ofSeconds(WAIT_SECONDS)));
        }

        @Override
        public Map<String, List<JsonObject>> logs() {
          return started.logs();
        }

        @Override
        public void close() {
          try {
            started.close();
          } finally {
            await(relay.close());
          }
        }
      };
    } catch (RuntimeException e) {
      if (plugins != null) {
        plugins.close();
      }
      await(relay.close());
      throw e;
    }
  }

  /**
   * The adaptation's request timeout for the relay. It is one deadline for all the plugins behind
   * the relay, which each have the case's: enough for every one of them and the validators to use
   * theirs, so that a slow plugin meets its own timeout, as it does connected directly
   * ({@link RelayNormalizer}).
   */
  static Duration upstreamTimeout(ConformanceCase c) {
    return c.requestTimeout().multipliedBy(c.plugins().size() + 2);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("relay: " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("relay: no result within " + WAIT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    upstream.close();
  }
}
