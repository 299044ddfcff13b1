package io.nrivertx.merge;

import static io.nrivertx.merge.Fixtures.ID;
import static io.nrivertx.merge.Fixtures.conflict;
import static io.nrivertx.merge.Fixtures.reply;
import static io.nrivertx.merge.Fixtures.simpleOwner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ContainerAdjustment;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge rules of every single-valued field, table-driven over {@link SimpleFamily#all()}. */
class SimpleFamilyTest {

  static Stream<SimpleFamily> families() {
    return SimpleFamily.all().stream();
  }

  /** Fields Go applies to the request container in place (not CDI, RDT, memory policy...). */
  static Stream<SimpleFamily> appliedInPlace() {
    return families().filter(f -> f.fromContainer() != null);
  }

  @ParameterizedTest
  @MethodSource("families")
  void setByOnePlugin(SimpleFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.adjust(1)));
    Object expected = f.fromAdjust().apply(f.adjust(1));
    assertEquals(expected, f.fromAdjust().apply(r.response().getAdjust()));
    assertEquals("01-a", simpleOwner(r.owners(), ID, f.field()));
    if (f.fromContainer() != null) {
      assertEquals(expected, f.fromContainer().apply(r.container()));
      assertNotEquals(expected, f.fromContainer().apply(r.pristine()));
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void setByTwoPluginsConflictsWithTrailingSpace(SimpleFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.adjust(1)));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("02-b", reply(f.adjust(2))));
    assertEquals(conflict("02-b", "01-a", f.field(), null), e.getMessage());
    assertTrue(e.getMessage().endsWith(f.field().name() + " "));
    assertEquals(f.field(), e.field());
    assertEquals("02-b", e.claimant());
    assertEquals("01-a", e.owner());
  }

  @ParameterizedTest
  @MethodSource("families")
  void secondClaimBySamePluginConflicts(SimpleFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.adjust(1)));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("01-a", reply(f.adjust(2))));
    assertEquals(conflict("01-a", "01-a", f.field(), null), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("appliedInPlace")
  void laterPluginSeesEarlierChange(SimpleFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.adjust(1)));
    r.apply("02-b", reply(ContainerAdjustment.newBuilder().putAnnotations("x", "y").build()));
    assertEquals(f.fromAdjust().apply(f.adjust(1)), f.fromContainer().apply(r.container()));
  }

  @ParameterizedTest
  @MethodSource("families")
  void emptyAdjustmentClaimsNothing(SimpleFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(ContainerAdjustment.getDefaultInstance()));
    assertEquals(null, simpleOwner(r.owners(), ID, f.field()));
  }
}
