package io.nrivertx.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRI caller's gRPC deadline bounds the NRI event: crictl sends its --timeout as
 * grpc-timeout, and a plugin slower than that (though well within its own request timeout) whose
 * failure policy fails requests ends the call with DEADLINE_EXCEEDED naming the plugin, answered
 * before crictl gives up.
 */
class CriDeadlineIT {
  private static final Duration PLUGIN_DELAY = Duration.ofSeconds(40);

  @Test
  void aPluginSlowerThanCrictlsDeadlineEndsTheCallNamingItBeforeCrictlGivesUp() {
    try (CriFixture f = new CriFixture()) {
      // A margin wide enough for a loaded machine: the answer must beat crictl's own timer.
      f.start(o -> o.setRequestTimeout(Duration.ofSeconds(60)).setDeadlineMargin(Duration.ofSeconds(2)));
      Path log = f.dir.resolve("slow.jsonl");
      // -fail-request: its timeout fails the event (skipped otherwise, and the call would succeed in time).
      f.plugin(GoPeers.recorder(), "-idx", "50", "-name", "slow", "-delay", PLUGIN_DELAY.toSeconds() + "s",
          "-delay-on", "CreateContainer", "-fail-request", "-log-file", log.toString());
      f.awaitPlugins(List.of("50-slow"));
      Crictl crictl = f.crictl();
      Path podCfg = f.podConfig("web");
      String pod = crictl.run("runp", podCfg.toString()).ok();

      long start = System.nanoTime();
      Crictl.Result create = crictl.runWithin(Duration.ofSeconds(6), "create", pod,
          f.containerConfig("app", "busybox").toString(), podCfg.toString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertNotEquals(0, create.exit(), create.out());
      assertTrue(create.err().contains("DeadlineExceeded") && create.err().contains("50-slow"),
          "the runtime's answer, naming the plugin, not crictl's own timeout: " + create.err());
      assertTrue(took.compareTo(PLUGIN_DELAY) < 0, "ended by the caller's deadline, not the plugin: " + took);
      assertTrue(new JsonLines(log).read().stream().anyMatch(JsonLines.isEvent("CreateContainer")),
          "the plugin got the event");
      assertEquals("", crictl.run("ps", "-a", "-q").ok(), "no container after a failed CreateContainer");
      System.out.printf("crictl --timeout 6s create against a 40 s plugin: answered in %d ms%n", took.toMillis());
    }
  }
}
