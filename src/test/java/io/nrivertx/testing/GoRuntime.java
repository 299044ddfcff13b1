package io.nrivertx.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * containerd/nri's own runtime side (its Go adaptation) in a process of its own, driven event by
 * event: src/test/go/cmd/hostruntime for v0.12.5, and oldruntime of src/test/go-old (v0.6.1) and
 * src/test/go-v030 (v0.3.0). Events go as their v0.12 request bytes and replies come back the
 * same way; updates the runtime must apply go to {@link #onUpdates}. Any thread may call it.
 * {@link #close()} (end of stdin) stops the adaptation; {@link #kill()} kills the process as a
 * crash would. Either reaps it.
 */
public final class GoRuntime implements AutoCloseable {
  private static final long ANSWER_SECONDS = 60;

  private final Process process;
  private final OutputStream stdin;
  private final Map<Integer, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile Promise<JsonObject> control;
  private volatile Consumer<List<ContainerUpdate>> onUpdates = u -> { };

  private GoRuntime(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread.ofPlatform().daemon().name("go-runtime-" + process.pid()).start(() -> read(out));
  }

  /** The current Go adaptation (v0.12.5, hostruntime). */
  public static GoRuntime current(Path socket, Duration requestTimeout, Path log) {
    return start(GoPeers.binDir().resolve("hostruntime"), socket, requestTimeout, log, "hostruntime", "0.0.0");
  }

  /** Starts {@code binary} (a host as above) on {@code socket}; the adaptation starts with {@link #start}. */
  public static GoRuntime start(Path binary, Path socket, Duration requestTimeout, Path log, String runtimeName,
                                String runtimeVersion) {
    try {
      Process p = new ProcessBuilder(binary.toString(), "-socket", socket.toString(), "-runtime-name", runtimeName,
          "-runtime-version", runtimeVersion, "-request-timeout", requestTimeout.toMillis() + "ms")
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new GoRuntime(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Where the updates the runtime must apply go (plugins' Synchronize replies and own UpdateContainers). */
  public GoRuntime onUpdates(Consumer<List<ContainerUpdate>> handler) {
    this.onUpdates = handler;
    return this;
  }

  /** The pods and containers the adaptation lists to plugins that synchronize from now on. */
  public GoRuntime state(Collection<PodSandbox> pods, Collection<Container> containers) {
    SynchronizeRequest s = SynchronizeRequest.newBuilder().addAllPods(pods).addAllContainers(containers).build();
    send(new JsonObject().put("state", Base64.getEncoder().encodeToString(s.toByteArray())));
    return this;
  }

  /** Starts the adaptation: from now on plugins can connect to the socket. */
  public GoRuntime start() {
    JsonObject answer = ask(new JsonObject().put("start", true));
    if (!answer.containsKey("listening")) {
      throw new IllegalStateException("go runtime: " + answer.encode());
    }
    return this;
  }

  /** Waits until {@code n} plugins in all have registered (and been synchronized) since the start. */
  public void awaitRegistered(int n, Duration timeout) {
    JsonObject answer = ask(new JsonObject().put("await", n).put("timeout", timeout.toMillis() + "ms"));
    if (!answer.containsKey("registered")) {
      throw new IllegalStateException("go runtime: " + answer.getString("fatal", answer.encode()));
    }
  }

  /** Sends one event; fails with the adaptation's error text ({@link LifecycleException}). */
  public <Q extends Message, R extends Message> Future<R> request(PluginCall<Q, R> call, Q request) {
    int id = ids.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    send(new JsonObject().put("id", id).put("method", call.method())
        .put("request", Base64.getEncoder().encodeToString(request.toByteArray())));
    return answer.future().compose(msg -> {
      if (msg.containsKey("error")) {
        // The adaptation's error text, as the runtime's caller gets it.
        return Future.failedFuture(new LifecycleException.Refused(msg.getString("error"), call.method(), null, 2));
      }
      try {
        return Future.succeededFuture(call.parser().parseFrom(Base64.getDecoder().decode(msg.getString("reply"))));
      } catch (InvalidProtocolBufferException e) {
        return Future.failedFuture(e);
      }
    });
  }

  /** As {@link #request}, waiting on the calling thread (not an event loop). */
  public <Q extends Message, R extends Message> R call(PluginCall<Q, R> call, Q request) {
    return await(request(call, request));
  }

  private void read(BufferedReader out) {
    try (out) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        JsonObject msg = new JsonObject(line);
        if (msg.containsKey("updates")) {
          onUpdates.accept(UpdateContainersRequest.parseFrom(Base64.getDecoder().decode(msg.getString("updates")))
              .getUpdateList());
        } else if (msg.containsKey("id")) {
          Promise<JsonObject> p = pending.remove(msg.getInteger("id"));
          if (p != null) {
            p.complete(msg);
          }
        } else if (control != null) {
          control.tryComplete(msg);
        }
      }
    } catch (IOException | RuntimeException ignored) { // the process is gone: fail what waits
    }
    IllegalStateException gone = new IllegalStateException("the Go runtime exited");
    new ArrayList<>(pending.values()).forEach(p -> p.tryFail(gone));
    if (control != null) {
      control.tryFail(gone);
    }
  }

  private synchronized JsonObject ask(JsonObject cmd) {
    control = Promise.promise();
    send(cmd);
    return await(control.future());
  }

  private void send(JsonObject cmd) {
    try {
      synchronized (stdin) {
        stdin.write((cmd.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot talk to the Go runtime: " + e, e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Go runtime did not answer in " + ANSWER_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** SIGKILL, as a runtime crash; reaps the process. */
  public void kill() {
    process.destroyForcibly();
    reap();
  }

  /** Ends stdin: the adaptation stops (its plugins see the connection close) and the process exits. */
  @Override
  public void close() {
    try {
      stdin.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    reap();
  }

  private void reap() {
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
