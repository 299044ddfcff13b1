package io.nrivertx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, lookup, merging and the JSON form of the per-plugin settings. */
class PluginPoliciesTest {
  private static final PluginPolicy SLOW = PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(5));

  @Test
  void anNnNameEntryOverridesTheNameEntryFieldByField() {
    PluginPolicies p = PluginPolicies.of(Map.of(
        "x", SLOW.withFailRequest(true),
        "10-x", PluginPolicy.NONE.withRequestTimeout(Duration.ofMillis(300))));
    assertEquals(PluginPolicy.NONE.withRequestTimeout(Duration.ofMillis(300)).withFailRequest(true), p.forPlugin("10", "x"));
    assertEquals(SLOW.withFailRequest(true), p.forPlugin("20", "x"));
    assertEquals(PluginPolicy.NONE, p.forPlugin("10", "y"));
    assertEquals(PluginPolicy.NONE, PluginPolicies.NONE.forPlugin("10", "x"));
  }

  @Test
  void keysAreNnNameOrAPluginName() {
    assertNull(PluginPolicies.checkKey("10-x"));
    assertNull(PluginPolicies.checkKey("topology-aware"));
    assertTrue(PluginPolicies.isId("10-topology-aware"));
    assertEquals("topology-aware", PluginPolicies.baseName("10-topology-aware"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginPolicies.of(Map.of("bad name", SLOW)));
    assertEquals("plugin key \"bad name\" is neither \"NN-name\" nor a plugin name: invalid plugin name \"bad name\":"
        + " contains invalid character ' '", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PluginPolicies.of(Map.of("10-", SLOW)));
  }

  @Test
  void timeoutsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> PluginPolicy.NONE.withRequestTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> PluginPolicy.NONE.withRegistrationTimeout(Duration.ofSeconds(-1)));
  }

  @Test
  void requiredListsTheKeysThatSayTrueThemselves() {
    PluginPolicies p = PluginPolicies.of(Map.of(
        "a", PluginPolicy.NONE.withRequired(true),
        "10-a", PluginPolicy.NONE.withRequired(true),
        "b", PluginPolicy.NONE.withRequired(true),
        "20-b", SLOW,
        "c", PluginPolicy.NONE.withRequired(false),
        "30-d", PluginPolicy.NONE.withRequired(true)));
    assertEquals(List.of("10-a", "30-d", "b"), p.required(), "\"a\" is covered by 10-a; 20-b does not narrow \"b\"");
    assertTrue(PluginPolicies.satisfies("b", "20-b", "b"));
    assertTrue(PluginPolicies.satisfies("30-d", "30-d", "d"));
    assertFalse(PluginPolicies.satisfies("30-d", "31-d", "d"));
  }

  @Test
  void withMergesEntriesFieldByField() {
    PluginPolicies low = PluginPolicies.of(Map.of("x", SLOW.withRequired(true), "y", SLOW));
    PluginPolicies high = PluginPolicies.of(Map.of("x", PluginPolicy.NONE.withRequired(false), "z", SLOW));
    PluginPolicies both = low.with(high);
    assertEquals(SLOW.withRequired(false), both.asMap().get("x"));
    assertEquals(List.of("x", "y", "z"), List.copyOf(both.asMap().keySet()));
  }

  @Test
  void theJsonFormRoundTripsThroughNriOptions() {
    PluginPolicies p = PluginPolicies.of(Map.of(
        "10-x", new PluginPolicy(Duration.ofMillis(250), Duration.ofSeconds(9), true, null, true, DuplicatePolicy.HANDOVER),
        "y", PluginPolicy.NONE.withKeepConnected(false)));
    NriOptions options = new NriOptions().setPlugins(p);
    assertEquals(p, new NriOptions(options.toJson()).getPlugins());
    assertEquals("{\"10-x\":{\"requestTimeoutMs\":250,\"registrationTimeoutMs\":9000,\"failurePolicy\":{\"failRequest\":true},"
        + "\"required\":true,\"duplicatePolicy\":\"handover\"},\"y\":{\"failurePolicy\":{\"keepConnected\":false}}}",
        p.toJson().encode());
    assertEquals(p, new NriOptions(options).getPlugins(), "copies keep them");
  }
}
