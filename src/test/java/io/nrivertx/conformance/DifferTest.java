package io.nrivertx.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison itself: real differences are found, and only NRI's unordered parts are forgiven. */
class DifferTest {
  private static Outcome outcome(String line, Map<String, List<JsonObject>> logs) {
    return new Outcome(List.of(new JsonObject(line)), logs, null, 0);
  }

  private static List<String> compare(String java, String go) {
    return Differ.compare(outcome(java, Map.of()), outcome(go, Map.of()));
  }

  @Test
  void sameLinesInAnotherKeyOrderAreEqual() {
    assertTrue(compare("""
        {"step":1,"op":"CreateContainer","ok":true,"error":null,"adjust":{"annotations":{"a":"1","b":"2"}}}""", """
        {"step":1,"op":"CreateContainer","ok":true,"adjust":{"annotations":{"b":"2","a":"1"}},"error":null}""")
        .isEmpty());
  }

  @Test
  void aDifferentValueIsReportedWithItsPathAndBothValues() {
    List<String> d = compare("""
        {"step":2,"op":"CreateContainer","ok":true,"error":null,"adjust":{"linux":{"resources":{"memory":{"limit":{"value":"1"}}}}}}""",
        """
        {"step":2,"op":"CreateContainer","ok":true,"error":null,"adjust":{"linux":{"resources":{"memory":{"limit":{"value":"2"}}}}}}""");
    assertEquals(List.of("step 2 CreateContainer: adjust.linux.resources.memory.limit.value: nri-vertx \"1\" | go \"2\""), d);
  }

  @Test
  void anAbsentFieldIsADifference() {
    List<String> d = compare("""
        {"step":1,"op":"UpdateContainer","ok":true,"error":null,"update":[]}""", """
        {"step":1,"op":"UpdateContainer","ok":true,"error":null,"update":[],"evict":[]}""");
    assertEquals(List.of("step 1 UpdateContainer: evict: nri-vertx (absent) | go []"), d);
  }

  @Test
  void rejectionsOfDifferentValidatorsAreEquivalentButNotDifferentReasonsOfOne() {
    assertTrue(Normalizer.equivalentErrors("validator \"10-a\" rejected container adjustment, reason: x",
        "validator plugin 20-b failed: rpc error: code = Unknown desc = y"));
    assertFalse(Normalizer.equivalentErrors("validator \"10-a\" rejected container adjustment, reason: x",
        "validator \"10-a\" rejected container adjustment, reason: y"));
    assertFalse(Normalizer.equivalentErrors("validator \"10-a\" rejected container adjustment, reason: x",
        "plugins \"20-b\" and \"10-a\" both tried to set Args "));
  }

  @Test
  void onlyMapFamiliesMayNameAnotherConflictingKey() {
    assertTrue(Normalizer.equivalentErrors("plugins \"20-b\" and \"10-a\" both tried to set Annotations x",
        "plugins \"20-b\" and \"05-c\" both tried to set Annotations y"));
    assertFalse(Normalizer.equivalentErrors("plugins \"20-b\" and \"10-a\" both tried to set Annotations x",
        "plugins \"30-c\" and \"10-a\" both tried to set Annotations x"));
    assertFalse(Normalizer.equivalentErrors("plugins \"20-b\" and \"10-a\" both tried to set Mounts /x",
        "plugins \"20-b\" and \"10-a\" both tried to set Mounts /y"));
  }

  @Test
  void validatorOffendersAreSorted() {
    assertEquals("validation error: attempted restricted sysctl adjustment by plugin(s) 10-a, 20-b",
        Normalizer.sortOffenders("validation error: attempted restricted sysctl adjustment by plugin(s) 20-b, 10-a"));
  }

  @Test
  void runsOfMountRemovalsAreSorted() {
    JsonObject adjust = new JsonObject("""
        {"mounts":[{"destination":"/a"},{"destination":"-/z"},{"destination":"-/b"},{"destination":"/c"}]}""");
    Normalizer.sortMountRemovals(adjust);
    assertEquals(new JsonObject("""
        {"mounts":[{"destination":"/a"},{"destination":"-/b"},{"destination":"-/z"},{"destination":"/c"}]}"""), adjust);
  }

  @Test
  void pluginLogsDropTimesVersionsAndTheFinalHangUp() {
    Map<String, List<JsonObject>> java = Map.of("10-a", List.of(
        new JsonObject("{\"event\":\"Configure\",\"time\":\"t1\",\"nriVersion\":\"v0.12.2\",\"subscribe\":\"x\"}"),
        new JsonObject("""
            {"event":"CreateContainer","time":"t2","container":{"linux":{"namespaces":[{"type":"uts"},{"type":"ipc"}]}}}""")));
    Map<String, List<JsonObject>> go = Map.of("10-a", List.of(
        new JsonObject("{\"event\":\"Configure\",\"time\":\"t3\",\"nriVersion\":\"v0.12.5\",\"subscribe\":\"x\"}"),
        new JsonObject("""
            {"event":"CreateContainer","time":"t4","container":{"linux":{"namespaces":[{"type":"ipc"},{"type":"uts"}]}}}"""),
        new JsonObject("{\"event\":\"ConnectionClosed\",\"time\":\"t5\"}")));
    String line = "{\"step\":1,\"op\":\"StartContainer\",\"ok\":true,\"error\":null}";
    assertEquals(List.of(), Differ.compare(outcome(line, java), outcome(line, go)));
  }

  @Test
  void whatAPluginReceivedIsCompared() {
    String line = "{\"step\":1,\"op\":\"StartContainer\",\"ok\":true,\"error\":null}";
    Map<String, List<JsonObject>> java = Map.of("10-a", List.of(new JsonObject("{\"event\":\"StartContainer\",\"pod\":{\"id\":\"p\"}}")));
    Map<String, List<JsonObject>> go = Map.of("10-a", List.of(new JsonObject("{\"event\":\"StartContainer\",\"pod\":{\"id\":\"q\"}}")));
    assertEquals(List.of("plugin 10-a received #1 StartContainer: pod.id: nri-vertx \"p\" | go \"q\""),
        Differ.compare(outcome(line, java), outcome(line, go)));
  }
}
