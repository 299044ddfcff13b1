package io.nrivertx.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nrivertx.api.Field;
import io.nrivertx.api.FieldOwners;
import io.nrivertx.api.OwningPlugins;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Claim/clear semantics of owners.go, and Go %q quoting in error texts. */
class OwnershipTest {

  @Test
  void clearedFieldMayOnlyBeReclaimedByTheClearer() {
    Ownership o = new Ownership();
    o.claim("c", Field.MemLimit, "01-a");
    o.clear("c", Field.MemLimit, "02-b");
    o.claim("c", Field.MemLimit, "02-b");
    o.clear("c", Field.Env, "K", "02-b");
    MergeConflictException e = assertThrows(MergeConflictException.class, () -> o.claim("c", Field.Env, "K", "03-c"));
    assertEquals("plugins \"03-c\" and \"02-b\" both tried to set Env K", e.getMessage());
    assertEquals("K", e.key());
  }

  @Test
  void protoShapeUsesFieldNumbers() {
    Ownership o = new Ownership();
    o.claim("c", Field.MemLimit, "01-a");
    o.claim("c", Field.Annotations, "k", "01-a");
    o.clear("c", Field.Annotations, "j", "02-b");
    o.accumulate("c", Field.OciHooks, "01-a");
    o.accumulate("c", Field.OciHooks, "02-b");
    OwningPlugins p = o.toProto();
    FieldOwners f = p.getOwnersOrThrow("c");
    assertEquals("01-a", f.getSimpleOrThrow(8));
    assertEquals("01-a,02-b", f.getSimpleOrThrow(3));
    assertEquals("01-a", f.getCompoundOrThrow(1).getOwnersOrThrow("k"));
    assertEquals("-02-b", f.getCompoundOrThrow(1).getOwnersOrThrow("j"));
  }

  @Test
  void containersAreIndependent() {
    Ownership o = new Ownership();
    o.claim("c1", Field.CPUShares, "01-a");
    o.claim("c2", Field.CPUShares, "02-b");
    assertEquals(2, o.toProto().getOwnersCount());
  }

  static Stream<Arguments> quoting() {
    return Stream.of(
        Arguments.of("01-a", "\"01-a\""),
        Arguments.of("a\"b\\c", "\"a\\\"b\\\\c\""),
        Arguments.of("t\tn\nr\r", "\"t\\tn\\nr\\r\""),
        Arguments.of("\u0000\u007f", "\"\\x00\\x7f\""),
        Arguments.of("ü€", "\"ü€\""),
        Arguments.of("\u00a0\u200b", "\"\\u00a0\\u200b\""),
        Arguments.of("", "\"\""));
  }

  @ParameterizedTest
  @MethodSource("quoting")
  void quotesLikeGo(String in, String out) {
    assertEquals(out, GoText.quote(in));
  }
}
