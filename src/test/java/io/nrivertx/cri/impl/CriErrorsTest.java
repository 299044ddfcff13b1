package io.nrivertx.cri.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.runtime.LifecycleException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of failed NRI event reaches CRI clients with one status; a bug is INTERNAL, not "refused". */
class CriErrorsTest {
  @Test
  void eachKindHasItsStatus() {
    List<LifecycleException> all = List.of(
        new LifecycleException.Refused("no", "CreateContainer", "10-a", 2),
        new LifecycleException.Conflict("both", "CreateContainer", "20-b", null),
        new LifecycleException.Rejected("rejected", "CreateContainer", "90-v"),
        new LifecycleException.ConnectionLost("closed", "CreateContainer", "10-a"),
        new LifecycleException.DeadlineExceeded("late", "CreateContainer", "10-a"),
        new LifecycleException.BadRequest("bad", "CreateContainer"),
        new LifecycleException.Unavailable("stopping", "CreateContainer"),
        new LifecycleException.Internal("bug", "CreateContainer", null, new NullPointerException()));
    List<GrpcStatus> expected = List.of(GrpcStatus.UNKNOWN, GrpcStatus.UNKNOWN, GrpcStatus.UNKNOWN,
        GrpcStatus.UNKNOWN, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.UNAVAILABLE,
        GrpcStatus.INTERNAL);
    for (int i = 0; i < all.size(); i++) {
      StatusException s = CriErrors.of("CreateContainer", all.get(i));
      assertEquals(expected.get(i), s.status(), all.get(i).kind().name());
      assertTrue(s.message().contains(all.get(i).getMessage()), s.message());
    }
    assertEquals(LifecycleException.Kind.values().length, all.stream().map(LifecycleException::kind).distinct().count(),
        "every kind is covered");
    assertTrue(CriErrors.of("CreateContainer", all.getFirst()).message().startsWith("CreateContainer refused by NRI: "));
    assertTrue(CriErrors.of("CreateContainer", all.getLast()).message().startsWith("CreateContainer failed in NRI: "));
  }
}
