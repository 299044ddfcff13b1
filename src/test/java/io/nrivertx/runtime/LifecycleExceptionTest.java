package io.nrivertx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nrivertx.protocol.GrpcCode;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One bus code and one ttrpc status per kind; plugin failures read as Go's plain errors (UNKNOWN). */
class LifecycleExceptionTest {
  @Test
  void eachKindHasOneBusCodeAndOneTtrpcStatus() {
    Map<LifecycleException.Kind, GrpcCode> ttrpc = Map.of(
        LifecycleException.Kind.BAD_REQUEST, GrpcCode.INVALID_ARGUMENT,
        LifecycleException.Kind.REFUSED, GrpcCode.UNKNOWN,
        LifecycleException.Kind.CONFLICT, GrpcCode.UNKNOWN,
        LifecycleException.Kind.REJECTED, GrpcCode.UNKNOWN,
        LifecycleException.Kind.CONNECTION_LOST, GrpcCode.UNKNOWN,
        LifecycleException.Kind.UNAVAILABLE, GrpcCode.UNAVAILABLE,
        LifecycleException.Kind.DEADLINE_EXCEEDED, GrpcCode.DEADLINE_EXCEEDED,
        LifecycleException.Kind.INTERNAL, GrpcCode.INTERNAL);
    for (LifecycleException.Kind k : LifecycleException.Kind.values()) {
      assertEquals(ttrpc.get(k), k.ttrpcCode(), k.name());
      assertSame(k, LifecycleException.Kind.forBusCode(k.busCode()));
    }
    assertEquals(LifecycleException.Kind.values().length,
        Arrays.stream(LifecycleException.Kind.values()).mapToInt(LifecycleException.Kind::busCode).distinct().count());
    assertNull(LifecycleException.Kind.forBusCode(200));
  }

  @Test
  void pluginFailuresCarryNoStackTraceButABugKeepsItsCause() {
    LifecycleException refused = new LifecycleException.Refused("no", "CreateContainer", "10-a", 2);
    assertEquals(0, refused.getStackTrace().length);
    assertEquals("10-a", refused.plugin());
    NullPointerException bug = new NullPointerException();
    LifecycleException internal = new LifecycleException.Internal("bug", "CreateContainer", null, bug);
    assertSame(bug, internal.getCause());
    assertEquals(LifecycleException.Kind.INTERNAL, internal.kind());
  }
}
