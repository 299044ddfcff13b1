package io.nrivertx.stub;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.FailurePolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StubOptionsTest {

  @Test
  void copiesThroughJson() {
    StubOptions o = new StubOptions().setName("n").setIndex("01").setExecutableName("/x/01-n")
        .setSocketPath("/tmp/s.sock").setSocketFd(3).setRegistrationTimeout(Duration.ofSeconds(7))
        .setRequestTimeout(Duration.ofMillis(900)).setReconnect(true)
        .setReconnectInitialDelay(Duration.ofMillis(10)).setReconnectMaxDelay(Duration.ofSeconds(1))
        .setFailurePolicy(FailurePolicy.newBuilder().setKeepConnected(true).build())
        .setEnvironment(Map.of("NRI_PLUGIN_IDX", "01"));
    StubOptions copy = new StubOptions(o);
    assertEquals(o.toJson(), copy.toJson());
    assertEquals("01", copy.getEnvironment().get("NRI_PLUGIN_IDX"));
    assertTrue(copy.getFailurePolicy().getKeepConnected());
    assertEquals(Duration.ofMillis(900), copy.getRequestTimeout());
  }

  @Test
  void defaults() {
    StubOptions o = new StubOptions(new StubOptions());
    assertEquals("/var/run/nri/nri.sock", o.getSocketPath());
    assertEquals(-1, o.getSocketFd());
    assertFalse(o.isReconnect());
    assertNull(o.getFailurePolicy());
    assertNull(o.getEnvironment(), "null = the process environment");
    assertEquals(Duration.ofSeconds(5), o.getRegistrationTimeout());
    assertThrows(IllegalArgumentException.class, () -> o.setRequestTimeout(Duration.ZERO));
  }
}
