package io.nrivertx.runtime.impl;

import io.nrivertx.runtime.DuplicatePolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.plugin.PeerIdentity;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The duplicate "NN-name" policy, decided on plain plugin descriptions. */
class DuplicateGuardTest {
  /** Just an identity and a kind; nothing is ever called. */
  private record Fake(String index, String name, String kind) implements Plugin {
    @Override
    public PeerIdentity peer() {
      return PeerIdentity.UNKNOWN;
    }

    @Override
    public EventMask events() {
      return new EventMask(0);
    }

    @Override
    public void subscribe(EventMask events, FailurePolicy policy) {
    }

    @Override
    public FailurePolicy failurePolicy() {
      return FailurePolicy.getDefaultInstance();
    }

    @Override
    public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                              CallOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isClosed() {
      return false;
    }

    @Override
    public Future<Void> closeFuture() {
      return Future.succeededFuture();
    }

    @Override
    public String closeReason() {
      return null;
    }

    @Override
    public void close(String reason) {
    }
  }

  private final Plugin old = new Fake("50", "recorder", "external");
  private final Plugin newcomer = new Fake("50", "recorder", "external");
  private final Plugin other = new Fake("60", "recorder", "external");
  private final Plugin launched = new Fake("50", "recorder", "pre-connected");

  @Test
  void replaceAdmitsTheNewcomerAndNamesTheOlderConnection() {
    DuplicateGuard guard = new DuplicateGuard(DuplicatePolicy.REPLACE);
    assertTrue(guard.check(newcomer, List.of(old, other)).succeeded());
    assertEquals(List.of(old), guard.replaced(newcomer, List.of(old, other, newcomer)));
  }

  @Test
  void rejectRefusesWhileTheOlderLives() {
    DuplicateGuard guard = new DuplicateGuard(DuplicatePolicy.REJECT);
    Future<Void> refused = guard.check(newcomer, List.of(old));
    assertTrue(refused.failed());
    assertTrue(refused.cause().getMessage().contains("refused by duplicatePolicy: reject"), refused.cause().getMessage());
    assertTrue(guard.check(newcomer, List.of(other)).succeeded());
    assertEquals(List.of(), guard.replaced(newcomer, List.of(old)));
  }

  @Test
  void allowKeepsBothAsNriDoes() {
    DuplicateGuard guard = new DuplicateGuard(DuplicatePolicy.ALLOW);
    assertTrue(guard.check(newcomer, List.of(old)).succeeded());
    assertEquals(List.of(), guard.replaced(newcomer, List.of(old)));
  }

  @Test
  void anExternalConnectionNeverDisplacesAPluginTheRuntimeOwns() {
    DuplicateGuard guard = new DuplicateGuard(DuplicatePolicy.REPLACE);
    Future<Void> refused = guard.check(newcomer, List.of(launched));
    assertTrue(refused.failed());
    assertTrue(refused.cause().getMessage().contains("which an external connection cannot replace"));
    // A launched plugin itself is not judged: its identity is its file name.
    assertTrue(guard.check(launched, List.of(old)).succeeded());
  }
}
