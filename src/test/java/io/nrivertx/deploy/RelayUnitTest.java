package io.nrivertx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.cli.Main;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * examples/systemd/nri-vertx-relay.service fits nri-vertx.service and what the relay accepts: the
 * shipped JVM flags, ordered after containerd, a relay command line that parses, with distinct
 * upstream and downstream sockets, and containerd's socket path in the comment it tells you to set.
 */
class RelayUnitTest {
  private static final Path UNIT = DeploymentFiles.PROJECT.resolve("examples/systemd/nri-vertx-relay.service");

  private static List<String> values(String key) {
    return DeploymentFiles.read(UNIT).lines().filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1)).toList();
  }

  @Test
  void theRelayUnitRunsTheRelayAfterContainerdWithTheShippedFlags() {
    List<String> exec = values("ExecStart");
    assertEquals(1, exec.size(), exec.toString());
    List<String> argv = Arrays.asList(exec.get(0).trim().split("\\s+"));
    int jar = argv.indexOf("-jar");
    assertEquals(DeploymentFiles.shippedFlags(), argv.subList(1, jar));
    List<String> command = argv.subList(jar + 2, argv.size());
    assertEquals("relay", command.get(0));
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(command.toArray(String[]::new));
    CommandLine.ParseResult relay = parsed.subcommand();
    String upstream = relay.matchedOptionValue("--upstream", "");
    String socket = relay.matchedOptionValue("--socket", "");
    assertNotEquals(upstream, socket, "the relay refuses one socket for both sides");
    assertTrue(DeploymentFiles.read(UNIT).contains("socket_path = \"" + upstream + "\""),
        "the unit tells containerd to move its socket where the relay looks for it");
    assertTrue(values("After").get(0).contains("containerd.service"));
    assertEquals(List.of("on-failure"), values("Restart"));
    assertEquals(List.of("143"), values("SuccessExitStatus"), "the relay exits 128+SIGTERM");
    assertEquals(List.of("mixed"), values("KillMode"), "the relay stops its plugins itself");
    assertEquals(List.of("0077"), values("UMask"));
  }
}
