package io.nrivertx.merge;

import static io.nrivertx.merge.Fixtures.ID;
import static io.nrivertx.merge.Fixtures.compoundOwner;
import static io.nrivertx.merge.Fixtures.conflict;
import static io.nrivertx.merge.Fixtures.reply;
import static io.nrivertx.merge.Fixtures.simpleOwner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Field;
import io.nrivertx.api.Hook;
import io.nrivertx.api.Hooks;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxDeviceCgroup;
import io.nrivertx.api.LinuxNamespace;
import io.nrivertx.api.LinuxRdt;
import io.nrivertx.api.OptionalString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-result behaviour and the Go quirks that do not fit the family tables. */
class CreateResultTest {

  @Test
  void emptyFillMakesSubMessagesPresent() {
    CreateResult r = Fixtures.create();
    Container c = r.pristine();
    assertTrue(c.hasHooks());
    assertTrue(c.hasLinux());
    assertTrue(c.getLinux().hasResources());
    assertTrue(c.getLinux().getResources().hasMemory());
    assertTrue(c.getLinux().getResources().hasCpu());
    assertFalse(c.getLinux().hasRdt());
    assertEquals(c, r.container());
  }

  @Test
  void emptyFillKeepsWhatIsThere() {
    Container.Builder in = Fixtures.container().toBuilder();
    in.getLinuxBuilder().setCgroupsPath("/x").getResourcesBuilder().getCpuBuilder().setCpus("1");
    CreateResult r = Fixtures.create(in);
    assertEquals("/x", r.pristine().getLinux().getCgroupsPath());
    assertEquals("1", r.pristine().getLinux().getResources().getCpu().getCpus());
  }

  @Test
  void responseWithoutPluginsIsGoShapedEmptyAdjustment() {
    CreateContainerResponse rsp = Fixtures.create().response();
    ContainerAdjustment expected = ContainerAdjustment.newBuilder()
        .setHooks(Hooks.getDefaultInstance())
        .setLinux(LinuxContainerAdjustment.newBuilder().setResources(UpdateCollector.EMPTY))
        .build();
    assertEquals(expected, rsp.getAdjust());
    assertEquals(0, rsp.getUpdateCount());
    assertEquals(0, rsp.getEvictCount());
  }

  @Test
  void nullAndEmptyRepliesChangeNothing() {
    CreateResult r = Fixtures.create();
    CreateContainerResponse before = r.response();
    r.apply("01-a", null);
    r.apply("02-b", CreateContainerResponse.getDefaultInstance());
    r.apply("03-c", reply(ContainerAdjustment.getDefaultInstance()));
    assertEquals(before, r.response());
    assertEquals(r.pristine(), r.container());
    assertEquals(0, r.owners().getOwnersCount());
  }

  @Test
  void rdtBecomesPresentOnceAnyReplyHasLinux() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(ContainerAdjustment.newBuilder().putAnnotations("k", "v").build()));
    assertFalse(r.response().getAdjust().getLinux().hasRdt());
    r.apply("02-b", reply(ContainerAdjustment.newBuilder().setLinux(LinuxContainerAdjustment.getDefaultInstance()).build()));
    assertEquals(LinuxRdt.getDefaultInstance(), r.response().getAdjust().getLinux().getRdt());
    assertTrue(r.response().getAdjust().getLinux().hasRdt());
  }

  private static ContainerAdjustment rdt(LinuxRdt.Builder rdt) {
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    a.getLinuxBuilder().setRdt(rdt);
    return a.build();
  }

  private static OptionalString str(String s) {
    return OptionalString.newBuilder().setValue(s).build();
  }

  @Test
  void rdtRemoveIsForwardedAndClearsAllThree() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(rdt(LinuxRdt.newBuilder().setClosId(str("gold")))));
    r.apply("02-b", reply(rdt(LinuxRdt.newBuilder().setRemove(true))));
    assertEquals(LinuxRdt.newBuilder().setRemove(true).build(), r.response().getAdjust().getLinux().getRdt());
    for (Field f : List.of(Field.RdtClosID, Field.RdtSchemata, Field.RdtEnableMonitoring)) {
      assertEquals("-02-b", simpleOwner(r.owners(), ID, f));
    }
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("03-c", reply(rdt(LinuxRdt.newBuilder().setClosId(str("silver"))))));
    assertEquals(conflict("03-c", "02-b", Field.RdtClosID, null), e.getMessage());
  }

  @Test
  void rdtRemoveAndSetInOneReplyOverrides() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(rdt(LinuxRdt.newBuilder().setClosId(str("gold")))));
    r.apply("02-b", reply(rdt(LinuxRdt.newBuilder().setRemove(true).setClosId(str("silver")))));
    assertEquals(LinuxRdt.newBuilder().setClosId(str("silver")).build(), r.response().getAdjust().getLinux().getRdt());
    assertEquals("02-b", simpleOwner(r.owners(), ID, Field.RdtClosID));
    assertFalse(r.container().getLinux().hasRdt(), "Go never applies RDT to the container");
  }

  @Test
  void hooksAppendAndAccumulateOwners() {
    Hook h1 = Hook.newBuilder().setPath("/bin/one").build();
    Hook h2 = Hook.newBuilder().setPath("/bin/two").build();
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(ContainerAdjustment.newBuilder().setHooks(Hooks.newBuilder().addPrestart(h1)).build()));
    r.apply("02-b", reply(ContainerAdjustment.newBuilder()
        .setHooks(Hooks.newBuilder().addPrestart(h2).addPoststop(h2)).build()));
    r.apply("03-c", reply(ContainerAdjustment.newBuilder().setHooks(Hooks.getDefaultInstance()).build()));
    assertEquals(List.of(h1, h2), r.response().getAdjust().getHooks().getPrestartList());
    assertEquals(List.of(h2), r.response().getAdjust().getHooks().getPoststopList());
    assertEquals(List.of(h1, h2), r.container().getHooks().getPrestartList());
    assertEquals("01-a,02-b", simpleOwner(r.owners(), ID, Field.OciHooks));
  }

  private static ContainerAdjustment args(String... args) {
    return ContainerAdjustment.newBuilder().addAllArgs(List.of(args)).build();
  }

  @Test
  void argsLeadingEmptyElementOverridesEarlierOwner() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(args("/bin/a")));
    r.apply("02-b", reply(args("", "/bin/b", "x")));
    assertEquals(List.of("/bin/b", "x"), r.container().getArgsList());
    assertEquals(List.of("/bin/b", "x"), r.response().getAdjust().getArgsList());
    assertEquals("02-b", simpleOwner(r.owners(), ID, Field.Args));
    MergeConflictException e = assertThrows(MergeConflictException.class, () -> r.apply("03-c", reply(args("/bin/c"))));
    assertEquals(conflict("03-c", "02-b", Field.Args, null), e.getMessage());
  }

  @Test
  void argsOfOnlyTheMarkerClearTheArgs() {
    CreateResult r = Fixtures.create(Fixtures.container().toBuilder().addArgs("/bin/orig"));
    r.apply("01-a", reply(args("")));
    assertEquals(List.of(), r.container().getArgsList());
    assertEquals("01-a", simpleOwner(r.owners(), ID, Field.Args));
  }

  private static ContainerAdjustment namespaces(LinuxNamespace... ns) {
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    a.getLinuxBuilder().addAllNamespaces(List.of(ns));
    return a.build();
  }

  private static LinuxNamespace ns(String type, String path) {
    return LinuxNamespace.newBuilder().setType(type).setPath(path).build();
  }

  @Test
  void namespacesReplaceByTypeAndForwardEverything() {
    Container.Builder in = Fixtures.container().toBuilder();
    in.getLinuxBuilder().addNamespaces(ns("pid", "")).addNamespaces(ns("network", "/old")).addNamespaces(ns("ipc", ""));
    CreateResult r = Fixtures.create(in);
    r.apply("01-a", reply(namespaces(ns("network", "/new"), ns("-ipc", ""))));
    assertEquals(List.of(ns("pid", ""), ns("network", "/new")), r.container().getLinux().getNamespacesList());
    assertEquals(List.of(ns("network", "/new"), ns("-ipc", "")), r.response().getAdjust().getLinux().getNamespacesList());
    assertEquals("01-a", compoundOwner(r.owners(), ID, Field.Namespace, "ipc"));
  }

  @Test
  void namespaceRemovalClaimsSoRemoveAndSetConflictsWithItself() {
    CreateResult r = Fixtures.create();
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("01-a", reply(namespaces(ns("-network", ""), ns("network", "/p")))));
    assertEquals(conflict("01-a", "01-a", Field.Namespace, "network"), e.getMessage());
  }

  @Test
  void namespaceSetTwiceConflicts() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(namespaces(ns("-network", ""))));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("02-b", reply(namespaces(ns("network", "/p")))));
    assertEquals(conflict("02-b", "01-a", Field.Namespace, "network"), e.getMessage());
  }

  @Test
  void envKeysOfContainerEntriesSplitAtFirstEquals() {
    Container.Builder in = Fixtures.container().toBuilder().addEnv("A=1=2").addEnv("B").addEnv("C=3");
    CreateResult r = Fixtures.create(in);
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    a.addEnvBuilder().setKey("A").setValue("x");
    a.addEnvBuilder().setKey("-B");
    r.apply("01-a", reply(a.build()));
    assertEquals(List.of("C=3", "A=x"), r.container().getEnvList());
    assertEquals(1, r.response().getAdjust().getEnvCount());
  }

  @Test
  void cgroupDeviceRulesAreAppendedWithoutOwnership() {
    LinuxDeviceCgroup rule = LinuxDeviceCgroup.newBuilder().setAllow(true).setType("c").setAccess("rwm").build();
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    a.getLinuxBuilder().getResourcesBuilder().addDevices(rule);
    CreateResult r = Fixtures.create();
    r.apply("01-a", reply(a.build()));
    r.apply("02-b", reply(a.build()));
    assertEquals(List.of(rule, rule), r.response().getAdjust().getLinux().getResources().getDevicesList());
    assertEquals(List.of(rule, rule), r.container().getLinux().getResources().getDevicesList());
    assertEquals(0, r.owners().getOwnersCount());
  }

  @Test
  void firstConflictInTableOrderIsReported() {
    CreateResult r = Fixtures.create();
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder().putAnnotations("k", "v").addArgs("/x");
    a.addRlimitsBuilder().setType("RLIMIT_NOFILE");
    r.apply("01-a", reply(a.build()));
    MergeConflictException e = assertThrows(MergeConflictException.class, () -> r.apply("02-b", reply(a.build())));
    assertEquals(conflict("02-b", "01-a", Field.Annotations, "k"), e.getMessage());
  }

  @Test
  void evictionsAreCarriedInOrderButNotInTheGoResponse() {
    ContainerEviction e1 = ContainerEviction.newBuilder().setContainerId("x").setReason("r1").build();
    ContainerEviction e2 = ContainerEviction.newBuilder().setContainerId("y").setReason("r2").build();
    CreateResult r = Fixtures.create();
    r.apply("01-a", CreateContainerResponse.newBuilder().addEvict(e1).build());
    r.apply("02-b", CreateContainerResponse.newBuilder().addEvict(e2).build());
    assertEquals(List.of(e1, e2), r.evictions());
    assertEquals(0, r.response().getEvictCount());
  }

  @Test
  void pristineIsUnaffectedByPlugins() {
    CreateResult r = Fixtures.create();
    Container pristine = r.pristine();
    r.apply("01-a", reply(ContainerAdjustment.newBuilder().putAnnotations("k", "v").build()));
    assertEquals(pristine, r.pristine());
    assertEquals(0, r.pristine().getAnnotationsCount());
  }
}
