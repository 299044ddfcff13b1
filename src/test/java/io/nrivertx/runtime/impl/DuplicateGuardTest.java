package io.nrivertx.runtime.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.plugin.PeerIdentity;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.NriOptions;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
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

  private static PluginSettings settings(DuplicatePolicy policy) {
    return new PluginSettings(new NriOptions().setDuplicatePolicy(policy));
  }

  @Test
  void handoverAdmitsTheNewcomerAsASuccessorOfTheOlderConnection() {
    DuplicateGuard guard = new DuplicateGuard(settings(DuplicatePolicy.HANDOVER));
    assertTrue(guard.check(newcomer, List.of(old, other)).succeeded());
    assertTrue(guard.handsOver(newcomer, List.of(old, other)));
    assertFalse(guard.handsOver(newcomer, List.of(other)), "nobody to take over from: an ordinary admission");
    assertFalse(guard.handsOver(newcomer, List.of(launched)), "never from a plugin the runtime owns");
    assertEquals(List.of(old), guard.replaced(newcomer, List.of(old, other, newcomer)));
  }

  @Test
  void aPluginsOwnDuplicatePolicyWinsOverTheInstancesOne() {
    NriOptions options = new NriOptions().setDuplicatePolicy(DuplicatePolicy.REPLACE)
        .setPlugins(PluginPolicies.of(Map.of("recorder", PluginPolicy.NONE.withDuplicatePolicy(DuplicatePolicy.REJECT),
            "60-recorder", PluginPolicy.NONE.withDuplicatePolicy(DuplicatePolicy.HANDOVER))));
    DuplicateGuard guard = new DuplicateGuard(new PluginSettings(options));
    assertTrue(guard.check(newcomer, List.of(old)).failed(), "recorder: reject");
    Plugin second = new Fake("60", "recorder", "external");
    assertTrue(guard.handsOver(second, List.of(other)), "60-recorder: handover");
    assertFalse(guard.handsOver(new Fake("50", "other", "external"), List.of(new Fake("50", "other", "external"))),
        "others keep the instance's replace");
  }

  @Test
  void replaceAdmitsTheNewcomerAndNamesTheOlderConnection() {
    DuplicateGuard guard = new DuplicateGuard(settings(DuplicatePolicy.REPLACE));
    assertTrue(guard.check(newcomer, List.of(old, other)).succeeded());
    assertEquals(List.of(old), guard.replaced(newcomer, List.of(old, other, newcomer)));
  }

  @Test
  void rejectRefusesWhileTheOlderLives() {
    DuplicateGuard guard = new DuplicateGuard(settings(DuplicatePolicy.REJECT));
    Future<Void> refused = guard.check(newcomer, List.of(old));
    assertTrue(refused.failed());
    assertTrue(refused.cause().getMessage().contains("refused by duplicatePolicy: reject"), refused.cause().getMessage());
    assertTrue(guard.check(newcomer, List.of(other)).succeeded());
    assertEquals(List.of(), guard.replaced(newcomer, List.of(old)));
  }

  @Test
  void allowKeepsBothAsNriDoes() {
    DuplicateGuard guard = new DuplicateGuard(settings(DuplicatePolicy.ALLOW));
    assertTrue(guard.check(newcomer, List.of(old)).succeeded());
    assertEquals(List.of(), guard.replaced(newcomer, List.of(old)));
  }

  @Test
  void anExternalConnectionNeverDisplacesAPluginTheRuntimeOwns() {
    DuplicateGuard guard = new DuplicateGuard(settings(DuplicatePolicy.REPLACE));
    Future<Void> refused = guard.check(newcomer, List.of(launched));
    assertTrue(refused.failed());
    assertTrue(refused.cause().getMessage().contains("which an external connection cannot replace"));
    // A launched plugin itself is not judged: its identity is its file name.
    assertTrue(guard.check(launched, List.of(old)).succeeded());
  }
}
