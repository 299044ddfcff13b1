package io.nrivertx.scenario;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.bus.ProtoJson;
import io.nrivertx.config.Durations;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.service.PluginCall;
import io.nrivertx.scenario.ScenarioFile.Step;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Plays a scenario against a running {@link NriRuntime}: waits for the named plugins, then sends
 * each step's event through the runtime, strictly one after another, and hands one result line
 * per step to the consumer. The domain side (what containerd would do to its store around each
 * event) is {@link DomainPlayer}'s job. Any thread may call {@link #run}.
 */
public final class ScenarioRunner {
  private final NriRuntime runtime;
  private final DomainPlayer player;
  private final Consumer<JsonObject> out;

  public ScenarioRunner(NriRuntime runtime, InMemoryDomain domain, Consumer<JsonObject> out) {
    this(runtime, domain, out, ScenarioRunner::epochNanos);
  }

  /** @param clock epoch nanoseconds for the startedAt / finishedAt / createdAt the domain records */
  public ScenarioRunner(NriRuntime runtime, InMemoryDomain domain, Consumer<JsonObject> out, LongSupplier clock) {
    this.runtime = runtime;
    this.player = new DomainPlayer(domain, this::send, clock);
    this.out = out;
  }

  /** Puts the scenario's pods and containers into the domain; do it before plugins connect. */
  public static void seed(ScenarioFile file, InMemoryDomain domain) {
    file.pods().forEach(domain::putPod);
    file.containers().forEach(domain::putContainer);
  }

  /** Fails only when the plugins did not all register in time; step failures are in the result. */
  public Future<ScenarioResult> run(ScenarioFile file) {
    Future<Void> ready = file.plugins().isEmpty() ? Future.succeededFuture()
        : runtime.awaitPlugins(file.plugins(), file.waitTimeout()).recover(err -> Future.failedFuture(
            new ScenarioException("plugins " + file.plugins() + " not ready within waitTimeout "
                + Durations.format(file.waitTimeout()) + ": " + err.getMessage())));
    return ready.compose(v -> steps(file.steps()));
  }

  private Future<ScenarioResult> steps(List<Step> steps) {
    Future<Integer> failed = Future.succeededFuture(0);
    for (Step step : steps) {
      failed = failed.compose(n -> play(step).map(passed -> passed ? n : n + 1));
    }
    return failed.map(n -> new ScenarioResult(steps.size(), n));
  }

  /** @return whether the step passed */
  private Future<Boolean> play(Step step) {
    Future<Message> reply;
    try {
      reply = player.play(step);
    } catch (DomainPlayer.NotPlayable e) {
      JsonObject line = head(step, false, "not run: " + e.getMessage());
      if (step.expect() != null) {
        line.put("expect", "failed: the step could not run");
      }
      out.accept(line);
      return Future.succeededFuture(false);
    }
    return reply.transform(ar -> {
      JsonObject line = line(step, ar);
      String verdict = step.expect() == null ? null : step.expect().check(line);
      if (step.expect() != null) {
        line.put("expect", verdict == null ? "ok" : "failed: " + verdict);
      }
      out.accept(line);
      return Future.succeededFuture(step.expect() == null ? ar.succeeded() : verdict == null);
    });
  }

  private static JsonObject line(Step step, AsyncResult<Message> ar) {
    if (ar.failed()) {
      return head(step, false, String.valueOf(ar.cause().getMessage()));
    }
    JsonObject line = head(step, true, null);
    Message reply = ar.result();
    for (String key : step.op().resultKeys()) {
      FieldDescriptor f = reply.getDescriptorForType().findFieldByName(key);
      Object value = reply.getField(f);
      line.put(key, f.isRepeated() ? ProtoJson.toJson(cast(value)) : ProtoJson.toJson((MessageOrBuilder) value));
    }
    return line;
  }

  private static JsonObject head(Step step, boolean ok, String error) {
    return new JsonObject().put("step", step.number()).put("op", step.op().wireName()).put("ok", ok).put("error", error);
  }

  @SuppressWarnings("unchecked")
  private static List<? extends MessageOrBuilder> cast(Object list) {
    return (List<? extends MessageOrBuilder>) list;
  }

  /** Sends one event with the given pod, container and the step's resources. */
  @SuppressWarnings("unchecked")
  private Future<Message> send(Op op, PodSandbox pod, Container container, Step step) {
    Message.Builder request = op.newRequest();
    set(request, "pod", pod);
    set(request, "container", container);
    set(request, "linux_resources", step == null ? null : step.linuxResources());
    set(request, "overhead_linux_resources", step == null ? null : step.overheadLinuxResources());
    return runtime.request((PluginCall<Message, Message>) op.call(), request.build());
  }

  private static void set(Message.Builder b, String field, Message value) {
    FieldDescriptor f = b.getDescriptorForType().findFieldByName(field);
    if (f != null && value != null) {
      b.setField(f, value);
    }
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
