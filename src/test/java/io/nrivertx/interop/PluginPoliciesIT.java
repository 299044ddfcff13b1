package io.nrivertx.interop;

import static io.nrivertx.interop.PolicyPlugins.create;
import static io.nrivertx.interop.PolicyPlugins.outcome;
import static io.nrivertx.interop.PolicyPlugins.own;
import static io.nrivertx.interop.PolicyPlugins.pod;
import static io.nrivertx.interop.PolicyPlugins.recorder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.RequestOptions;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.interop.PolicyPlugins.Recorder;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's per-plugin settings ({@code plugins:}, docs/configuration.md "Per-plugin
 * settings") against Go plugins on the official stub: each plugin's own request and registration
 * timeout beside the global ones, the operator's failure policy against every FailurePolicy a
 * plugin can send in Configure (each field the operator sets wins, for timeouts and for lost
 * connections), and a caller's deadline shared by the plugins of one event.
 * RequiredPluginsIT has {@code required: true}.
 */
class PluginPoliciesIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<Boolean> UNSET_FALSE_TRUE = java.util.Arrays.asList(null, false, true);

  @AfterEach
  void nothingLeft() {
    ChildProcesses.assertNoLeftovers(Set.of(), Duration.ofSeconds(10));
  }

  private static NriOptions options(Map<String, PluginPolicy> plugins) {
    return new NriOptions().setRequestTimeout(Duration.ofSeconds(10)).setRegistrationTimeout(Duration.ofSeconds(5))
        .setPlugins(PluginPolicies.of(plugins));
  }

  @Test
  void aPluginsOwnRequestTimeoutCutsItShortWhileTheGlobalOneLetsAnotherTakeItsTime() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(options(Map.of("slow", PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(1))
          .withRegistrationTimeout(Duration.ofSeconds(7)))));
      // Both are slow on the same container: the patient one for 1.5 s, asking to fail the event
      // if it times out; the slow one for a minute.
      Recorder patient = recorder(rt, "10", "patient", "both", "-delay", "1500ms", "-fail-request");
      Recorder slow = recorder(rt, "20", "slow", "both");
      RuntimeFixture.await(nri.awaitPlugins(List.of(patient.id(), slow.id()), WAIT));

      JsonObject told = slow.log().awaitEvent("Configure", WAIT);
      assertEquals(1000, told.getLong("requestTimeout"), "the plugin is told its own timeout in Configure");
      assertEquals(7000, told.getLong("registrationTimeout"));
      JsonObject global = patient.log().awaitEvent("Configure", WAIT);
      assertEquals(10_000, global.getLong("requestTimeout"), "no entry: the global pluginRequestTimeout");
      assertEquals(5000, global.getLong("registrationTimeout"));

      long start = System.nanoTime();
      assertEquals("ok", outcome(create(rt, nri, pod(rt, "p1", Map.of()), "both", new RequestOptions())),
          "the patient plugin answered within the global timeout; the slow one was skipped");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "the slow plugin was not given the global 10 s: " + took);
      slow.log().awaitEvent("ConnectionClosed", WAIT);
      assertEquals(List.of(patient.id()), RuntimeFixture.await(nri.plugins()),
          "timed out without keepConnected: dropped, as NRI drops it");
    }
  }

  @Test
  void aPreInstalledPluginHasItsOwnRegistrationTimeout() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture(); LogCapture log = new LogCapture("io.nrivertx.plugin.launch")) {
      Path plugins = Files.createDirectories(rt.dir.resolve("plugins"));
      Path conf = Files.createDirectories(rt.dir.resolve("conf.d"));
      // Both take 3 s to start, well within the global 20 s; "late" is given 1 s.
      for (String id : List.of("20-late", "30-ontime")) {
        Path script = Files.writeString(plugins.resolve(id), "#!/bin/sh\nsleep 3\nexec " + GoPeers.recorder() + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      NriRuntime nri = rt.start(options(Map.of("late", PluginPolicy.NONE.withRegistrationTimeout(Duration.ofSeconds(1))))
          .setPluginPath(plugins.toString()).setPluginConfigPath(conf.toString())
          .setRegistrationTimeout(Duration.ofSeconds(20)));
      assertEquals(List.of("30-ontime"), RuntimeFixture.await(nri.plugins()));
      log.await(m -> m.contains("plugin 20-late") && m.contains("plugin registration timed out after 1s"), WAIT);
    }
  }

  /**
   * Every operator setting of failRequest and keepConnected (each unset, false or true) against
   * every FailurePolicy a plugin can ask for: 36 plugins, each slow on its own container, all in
   * one runtime. A timeout fails the event exactly when the effective failRequest is true, and
   * leaves the plugin connected exactly when the effective keepConnected is true; the operator's
   * field wins when set, else the plugin's.
   */
  @Test
  void theOperatorsFailurePolicyWinsFieldByFieldOverThePluginsOwnOnATimeout() {
    Map<String, PluginPolicy> settings = new LinkedHashMap<>();
    List<Case> cases = new ArrayList<>();
    int n = 10;
    for (Boolean opFail : UNSET_FALSE_TRUE) {
      for (Boolean opKeep : UNSET_FALSE_TRUE) {
        for (boolean ownFail : List.of(false, true)) {
          for (boolean ownKeep : List.of(false, true)) {
            Case c = new Case(String.valueOf(n++), opFail, opKeep, ownFail, ownKeep);
            cases.add(c);
            settings.put(c.name(), PluginPolicy.NONE.withRequestTimeout(Duration.ofSeconds(1)).withFailRequest(opFail)
                .withKeepConnected(opKeep));
          }
        }
      }
    }
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(options(settings));
      Map<Case, Recorder> plugins = new LinkedHashMap<>();
      cases.forEach(c -> plugins.put(c, recorder(rt, c.idx(), c.name(), c.mark(), own(c.ownFail(), c.ownKeep()))));
      RuntimeFixture.await(nri.awaitPlugins(plugins.values().stream().map(Recorder::id).toList(), WAIT));

      List<String> wrong = new ArrayList<>();
      // One event at a time: a plugin dropped while another event has a call out to it fails
      // that event too when its failRequest is true, which would blur what each case shows.
      for (Case c : cases) {
        String expected = c.fails() ? LifecycleException.Kind.DEADLINE_EXCEEDED + " " + c.id() : "ok";
        String got = outcome(create(rt, nri, pod(rt, c.mark(), Map.of()), c.mark(), new RequestOptions()));
        if (!expected.equals(got)) {
          wrong.add(c + ": the event ended " + got + ", expected " + expected);
        }
      }
      for (Case c : cases) {
        if (!c.keeps()) {
          plugins.get(c).log().awaitEvent("ConnectionClosed", WAIT);
        }
      }
      Set<String> connected = new TreeSet<>(RuntimeFixture.await(nri.plugins()));
      for (Case c : cases) {
        if (connected.contains(c.id()) != c.keeps()) {
          wrong.add(c + ": " + (c.keeps() ? "dropped, expected to stay connected" : "still connected, expected dropped"));
        }
      }
      // The ones kept are really still there: the next event reaches each.
      assertEquals("ok", outcome(PolicyPlugins.run(nri, pod(rt, "after", Map.of()))));
      for (Case c : cases) {
        if (c.keeps()) {
          plugins.get(c).log().awaitLine(l -> "RunPodSandbox".equals(l.getString("event"))
              && "after".equals(l.getJsonObject("pod").getString("name")), WAIT);
        }
      }
      assertEquals(List.of(), wrong, "operator policy over the plugin's own, per field");
    }
  }

  /**
   * A broken connection always drops the plugin (whatever keepConnected says) and fails the event
   * exactly when the effective failRequest is true: the operator's when set, else the plugin's.
   */
  @Test
  void aLostConnectionFailsTheEventExactlyWhenTheEffectiveFailRequestSaysSo() {
    Map<String, PluginPolicy> settings = new LinkedHashMap<>();
    List<Case> cases = new ArrayList<>();
    int n = 10;
    for (Boolean opFail : UNSET_FALSE_TRUE) {
      for (boolean ownFail : List.of(false, true)) {
        // keepConnected set on both sides where it can be: it must not keep a lost connection.
        Case c = new Case(String.valueOf(n++), opFail, opFail == null ? null : true, ownFail, true);
        cases.add(c);
        settings.put(c.name(), PluginPolicy.NONE.withFailRequest(c.opFail()).withKeepConnected(c.opKeep()));
      }
    }
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(options(settings));
      Map<Case, Recorder> plugins = new LinkedHashMap<>();
      cases.forEach(c -> plugins.put(c, recorder(rt, c.idx(), c.name(), c.mark(), own(c.ownFail(), c.ownKeep()))));
      RuntimeFixture.await(nri.awaitPlugins(plugins.values().stream().map(Recorder::id).toList(), WAIT));
      List<String> wrong = new ArrayList<>();
      for (Case c : cases) {
        Recorder r = plugins.get(c);
        Future<CreateContainerResponse> event = create(rt, nri, pod(rt, c.mark(), Map.of()), c.mark(), new RequestOptions());
        r.log().awaitLine(JsonLines.isEvent("CreateContainer", c.mark()), WAIT);
        r.process().kill9();
        String expected = c.fails() ? LifecycleException.Kind.CONNECTION_LOST + " " + c.id() : "ok";
        String got = outcome(event);
        if (!expected.equals(got)) {
          wrong.add(c + ": the event ended " + got + ", expected " + expected);
        }
      }
      assertEquals(List.of(), wrong, "operator failRequest over the plugin's own on a lost connection");
      assertEquals(List.of(), RuntimeFixture.await(nri.plugins()), "every lost plugin is gone");
    }
  }

  /**
   * A caller's deadline bounds the whole event: the first plugin's call is cut to what it leaves
   * (less deadlineMargin) and, being cut, does not drop it; the next plugin, which would fail the
   * event on a timeout, gets no time and is not called; the event ends DEADLINE_EXCEEDED naming the
   * plugin that used the time, before the caller's deadline.
   */
  @Test
  void anEventOutOfBudgetEndsDeadlineExceededNamingThePluginThatUsedItBeforeTheCallerGivesUp() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(options(Map.of()).setDeadlineMargin(Duration.ofMillis(400)));
      Recorder hog = recorder(rt, "10", "hog", "late");
      Recorder strict = recorder(rt, "20", "strict", "never-matches", "-fail-request");
      RuntimeFixture.await(nri.awaitPlugins(List.of(hog.id(), strict.id()), WAIT));

      PodSandbox pod = pod(rt, "late", Map.of());
      AtomicLong answered = new AtomicLong();
      long start = System.nanoTime();
      Future<CreateContainerResponse> event = create(rt, nri, pod, "late",
          new RequestOptions().setTimeout(Duration.ofSeconds(2))).andThen(ar -> answered.set(System.nanoTime()));
      LifecycleException e = PolicyPlugins.failure(event);
      Duration took = Duration.ofNanos(answered.get() - start);
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind(), e.getMessage());
      assertEquals(hog.id(), e.plugin(), "named: the plugin that used the time");
      assertTrue(e.getMessage().startsWith("plugin 20-strict not called for CreateContainer: no time left of the"
          + " caller's deadline (10-hog used "), e.getMessage());
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "answered before the caller's 2 s were up: " + took);
      assertTrue(strict.log().events("CreateContainer").isEmpty(), "the plugin left no time was not called");
      assertEquals(List.of(hog.id(), strict.id()), RuntimeFixture.await(nri.plugins()),
          "a timeout the caller's deadline imposed drops no one");
    }
  }

  /** One combination: the operator's fields (null: unset) and the plugin's own FailurePolicy. */
  private record Case(String idx, Boolean opFail, Boolean opKeep, boolean ownFail, boolean ownKeep) {
    String name() {
      return "c" + idx;
    }

    String id() {
      return idx + "-" + name();
    }

    /** The container and pod name this plugin alone stalls on. */
    String mark() {
      return "slow-" + idx + "-";
    }

    boolean fails() {
      return opFail != null ? opFail : ownFail;
    }

    boolean keeps() {
      return opKeep != null ? opKeep : ownKeep;
    }

    @Override
    public String toString() {
      return id() + " (operator failRequest " + (opFail == null ? "unset" : opFail) + ", keepConnected "
          + (opKeep == null ? "unset" : opKeep) + "; plugin's own " + ownFail + ", " + ownKeep + ")";
    }
  }
}
