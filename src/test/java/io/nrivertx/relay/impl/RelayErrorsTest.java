package io.nrivertx.relay.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nrivertx.protocol.GrpcCode;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.runtime.LifecycleException;
import org.junit.jupiter.api.Test;

class RelayErrorsTest {
  @Test
  void aPluginsOwnStatusGoesUpstreamAsItWas() {
    TtrpcException t = RelayErrors.upstream(new LifecycleException.Refused(
        "rpc error: code = PermissionDenied desc = not on my node", "CreateContainer", "10-a", 7));
    assertEquals(GrpcCode.PERMISSION_DENIED.value(), t.code());
    assertEquals("not on my node", t.getMessage());
  }

  @Test
  void theRelaysOwnRefusalIsUnknownWithItsText() {
    TtrpcException t = RelayErrors.upstream(new LifecycleException.Conflict(
        "plugins \"20-b\" and \"10-a\" both tried to set Annotations owner", "CreateContainer", "20-b", null));
    assertEquals(GrpcCode.UNKNOWN.value(), t.code());
    assertEquals("plugins \"20-b\" and \"10-a\" both tried to set Annotations owner", t.getMessage());
  }

  @Test
  void aDeadlineItsPluginsMissedIsTheRelaysOwnRefusal() {
    TtrpcException t = RelayErrors.upstream(new LifecycleException.DeadlineExceeded(
        "plugin 20-strict failed to handle StartContainer request: context deadline exceeded", "StartContainer",
        "20-strict"));
    assertEquals(GrpcCode.UNKNOWN.value(), t.code());
    assertEquals("plugin 20-strict failed to handle StartContainer request: context deadline exceeded", t.getMessage());
  }

  @Test
  void aStatusTheRelaySetsItselfIsKept() {
    TtrpcException t = RelayErrors.upstream(new TtrpcException(GrpcCode.DEADLINE_EXCEEDED, "too slow"));
    assertEquals(GrpcCode.DEADLINE_EXCEEDED.value(), t.code());
    assertEquals("too slow", t.getMessage());
  }
}
