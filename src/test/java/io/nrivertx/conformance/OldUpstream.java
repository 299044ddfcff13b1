package io.nrivertx.conformance;

import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.scenario.ScenarioFile;
import io.nrivertx.scenario.ScenarioParser;
import io.nrivertx.scenario.ScenarioRunner;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Go adaptation of an old NRI release (v0.6.1, v0.3.0) as a runtime side: a fresh
 * {@link OldRuntimeProcess} per case, driven step by step by the scenario runner of
 * {@code nri-vertx scenario} over an in-memory store seeded from the case. Both sides of the old
 * relay differential use it, so the JSON lines come from the same player either way.
 */
final class OldUpstream implements UpstreamRunner {
  private static final long RUN_LIMIT_SECONDS = 120;

  private final String name;
  private final String version;
  private final Path log;

  OldUpstream(String name, String version, Path log) {
    this.name = name;
    this.version = version;
    this.log = log;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket) {
    return run(c, scenarioFile, dir, socket, null);
  }

  @Override
  public Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket, Behind behind) {
    long start = System.nanoTime();
    ScenarioFile file = ScenarioParser.parse(scenarioFile);
    InMemoryDomain store = new InMemoryDomain("k8s.io");
    ScenarioRunner.seed(file, store);
    List<JsonObject> lines = Collections.synchronizedList(new ArrayList<>());
    String failure = null;
    Map<String, List<JsonObject>> logs = Map.of();
    OldRuntimeProcess runtime = null;
    PluginProcesses direct = null;
    Behind.Session session = null;
    try {
      Behind.Session[] opened = {null};
      runtime = new OldRuntimeProcess(version, socket, behind == null ? c.requestTimeout() : behind.upstreamTimeout(c),
          store, log, (rt, ids, timeout) -> {
        rt.awaitRegistered(opened[0] == null ? ids.size() : 1, timeout);
        if (opened[0] != null) {
          opened[0].awaitPlugins();
        }
      });
      runtime.start();
      if (behind == null) {
        direct = PluginProcesses.start(c.plugins(), dir, socket);
      } else {
        session = behind.open(c, dir, socket);
        opened[0] = session;
      }
      new ScenarioRunner(runtime, store, lines::add, JavaSide.clock()).run(file).toCompletionStage()
          .toCompletableFuture().get(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      failure = name + " run failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    } finally {
      if (direct != null) {
        direct.close();
        logs = direct.logs();
      }
      if (session != null) {
        session.close();
        logs = session.logs();
      }
      if (runtime != null) {
        runtime.close();
      }
    }
    return new Outcome(new ArrayList<>(lines), logs, failure, JavaSide.millis(start));
  }

  @Override
  public void close() {
    // One process per case, closed with it.
  }
}
