package io.nrivertx.merge;

import static io.nrivertx.merge.Fixtures.ID;
import static io.nrivertx.merge.Fixtures.compoundOwner;
import static io.nrivertx.merge.Fixtures.conflict;
import static io.nrivertx.merge.Fixtures.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nrivertx.api.Container;
import io.nrivertx.api.Field;
import io.nrivertx.merge.CompoundFamily.Removal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge rules of every per-key owned family, table-driven over {@link CompoundFamily#all()}. */
class CompoundFamilyTest {

  static Stream<CompoundFamily> families() {
    return CompoundFamily.all().stream();
  }

  static Stream<CompoundFamily> removable() {
    return families().filter(f -> f.removal() != Removal.NONE);
  }

  /** Families Go applies to the request container in place. */
  static Stream<CompoundFamily> appliedInPlace() {
    return families().filter(f -> f.inContainer() != null);
  }

  /** List families: a removal clears earlier plugins' entries on its own. */
  static Stream<CompoundFamily> removableLists() {
    return removable().filter(f -> f.removal() != Removal.MAP);
  }

  /** Map families: a removal clears only together with a re-add in the same reply. */
  static Stream<CompoundFamily> removableMaps() {
    return removable().filter(f -> f.removal() == Removal.MAP);
  }

  @ParameterizedTest
  @MethodSource("families")
  void setByOnePlugin(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.set(f.key(), "1")));
    assertEquals(List.of(f.field() == Field.CdiDevices ? "*" : "1"),
        f.inReply().apply(r.response().getAdjust(), f.key()));
    assertEquals("01-a", compoundOwner(r.owners(), ID, f.field(), f.key()));
    if (f.inContainer() != null) {
      assertEquals(List.of("1"), f.inContainer().apply(r.container(), f.key()));
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void setByTwoPluginsConflicts(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.set(f.key(), "1")));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("02-b", reply(f.set(f.key(), "2"))));
    assertEquals(conflict("02-b", "01-a", f.field(), f.key()), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("families")
  void setTwiceBySamePluginConflicts(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.set(f.key(), "1")));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("01-a", reply(f.set(f.key(), "2"))));
    assertEquals(conflict("01-a", "01-a", f.field(), f.key()), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("families")
  void otherKeysDoNotConflict(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.set(f.key(), "1")));
    r.apply("02-b", reply(f.set(f.key() + "x", "2")));
    assertEquals("02-b", compoundOwner(r.owners(), ID, f.field(), f.key() + "x"));
  }

  @ParameterizedTest
  @MethodSource("appliedInPlace")
  void laterPluginSeesEarlierChange(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    Container before = r.container();
    r.apply("01-a", reply(f.set(f.key(), "1")));
    assertEquals(List.of(), f.inContainer().apply(before, f.key()));
    assertEquals(List.of("1"), f.inContainer().apply(r.container(), f.key()));
    assertEquals(List.of(), f.inContainer().apply(r.pristine(), f.key()));
  }

  @ParameterizedTest
  @MethodSource("removable")
  void removeAndSetTakesKeyOver(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(f.set(f.key(), "1")));
    r.apply("02-b", reply(f.removeAndSet(f.key(), "2")));
    assertEquals("02-b", compoundOwner(r.owners(), ID, f.field(), f.key()));
    assertEquals(List.of("2"), f.inContainer().apply(r.container(), f.key()));
    assertEquals(List.of("2"), f.inReply().apply(r.response().getAdjust(), f.key()));
    // a map keeps the "-k" marker next to "k"; a list drops both the old entry and the marker
    assertEquals(f.removal() == Removal.MAP ? 1L : 0L, f.markers().apply(r.response().getAdjust(), f.key()));
  }

  @ParameterizedTest
  @MethodSource("removable")
  void removeAndSetReplacesOriginalEntry(CompoundFamily f) {
    Container.Builder c = Fixtures.container().toBuilder();
    f.seed().accept(c, new String[] {f.key(), "0"});
    CreateResult r = Fixtures.create(c);
    r.apply("01-a", reply(f.removeAndSet(f.key(), "1")));
    assertEquals(List.of("1"), f.inContainer().apply(r.container(), f.key()));
  }

  @ParameterizedTest
  @MethodSource("removable")
  void clearedKeyConflictsForOthers(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-x", reply(f.set(f.key(), "1")));
    // map families only clear with a re-add; list families clear with the removal alone
    r.apply("02-a", reply(f.removal() == Removal.MAP ? f.removeAndSet(f.key(), "2") : f.remove(f.key())));
    String expectedOwner = f.removal() == Removal.MAP ? "02-a" : "-02-a";
    assertEquals(expectedOwner, compoundOwner(r.owners(), ID, f.field(), f.key()));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("03-b", reply(f.set(f.key(), "3"))));
    assertEquals(conflict("03-b", "02-a", f.field(), f.key()), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("removableLists")
  void clearerMaySetAgainLater(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-x", reply(f.set(f.key(), "1")));
    r.apply("02-a", reply(f.remove(f.key())));
    assertEquals(List.of(), f.inContainer().apply(r.container(), f.key()));
    assertEquals(List.of(), f.inReply().apply(r.response().getAdjust(), f.key()));
    r.apply("02-a", reply(f.set(f.key(), "2")));
    assertEquals("02-a", compoundOwner(r.owners(), ID, f.field(), f.key()));
  }

  @ParameterizedTest
  @MethodSource("removable")
  void loneRemovalOfOriginalEntry(CompoundFamily f) {
    Container.Builder c = Fixtures.container().toBuilder();
    f.seed().accept(c, new String[] {f.key(), "0"});
    CreateResult r = Fixtures.create(c);
    r.apply("01-a", reply(f.remove(f.key())));
    long forwarded = f.removal() == Removal.LIST_DROPPED ? 0L : 1L;
    assertEquals(forwarded, f.markers().apply(r.response().getAdjust(), f.key()));
    // Go only strips a map entry from the container when the same reply sets it again
    List<String> left = f.removal() == Removal.MAP ? List.of("0") : List.of();
    assertEquals(left, f.inContainer().apply(r.container(), f.key()));
    // a lone removal of a key no plugin set claims nothing
    assertEquals(null, compoundOwner(r.owners(), ID, f.field(), f.key()));
    r.apply("02-b", reply(f.set(f.key(), "2")));
    assertEquals("02-b", compoundOwner(r.owners(), ID, f.field(), f.key()));
  }

  @ParameterizedTest
  @MethodSource("removableMaps")
  void loneRemovalOfPluginEntryInMapDoesNotClear(CompoundFamily f) {
    CreateResult r = Fixtures.create();
    r.apply("01-x", reply(f.set(f.key(), "1")));
    r.apply("02-a", reply(f.remove(f.key())));
    assertEquals("01-x", compoundOwner(r.owners(), ID, f.field(), f.key()));
    assertEquals(List.of("1"), f.inReply().apply(r.response().getAdjust(), f.key()));
    assertEquals(1L, f.markers().apply(r.response().getAdjust(), f.key()));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("03-b", reply(f.set(f.key(), "3"))));
    assertEquals(conflict("03-b", "01-x", f.field(), f.key()), e.getMessage());
  }
}
