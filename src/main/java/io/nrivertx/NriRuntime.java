package io.nrivertx;

import com.google.protobuf.Message;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.Domain;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.runtime.impl.RuntimeVerticle;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * One nri-vertx instance deployed into a Vert.x: the plugin socket, the common NRI core and the
 * event-bus endpoints under its own address prefix. Methods may be called from any thread; their
 * futures complete on the caller's Vert.x context when it has one.
 */
public interface NriRuntime {

  /** Deploys an instance into an existing Vert.x, serving the given domain (null: add domains later). */
  static Future<NriRuntime> deploy(Vertx vertx, NriOptions options, Domain domain) {
    return RuntimeVerticle.deploy(vertx, new NriOptions(options), domain);
  }

  NriOptions options();

  NriAddresses addresses();

  /**
   * Sends a lifecycle event to the plugins and returns their merged reply. The event goes straight
   * to the core (no event bus; no thread hop when called on the core's own context); a failure is
   * always a {@link io.nrivertx.runtime.LifecycleException} saying which kind and why.
   * {@link PluginCall#VALIDATE} asks the validators about a creation sent with
   * {@link RequestOptions#setDeferValidation}: an empty reply when all accept, else it fails as the
   * CreateContainer would have (a rejection naming the validator).
   */
  <Q extends Message, R extends Message> Future<R> request(PluginCall<Q, R> call, Q request, RequestOptions options);

  /** As {@link #request(PluginCall, Message, RequestOptions)} with default options. */
  default <Q extends Message, R extends Message> Future<R> request(PluginCall<Q, R> call, Q request) {
    return request(call, request, new RequestOptions());
  }

  /**
   * For an event of the domain serving {@code namespace}; the namespace labels the event's audit
   * record (NRI's messages do not carry it). Without it, the record names the only domain when
   * there is exactly one.
   */
  default <Q extends Message, R extends Message> Future<R> request(String namespace, PluginCall<Q, R> call,
                                                                   Q request) {
    return request(call, request, new RequestOptions().setNamespace(namespace));
  }

  /** As {@link #request(String, PluginCall, Message)}, for a caller that gives up at {@code deadline}. */
  default <Q extends Message, R extends Message> Future<R> request(String namespace, PluginCall<Q, R> call,
                                                                   Q request, Instant deadline) {
    return request(call, request, new RequestOptions().setNamespace(namespace).setDeadline(deadline));
  }

  /**
   * Adds a domain (one runtime namespace); fails when that namespace already has one. Plugins
   * synchronized afterwards see its pods and containers.
   */
  Future<Void> addDomain(Domain domain);

  /**
   * Adds an in-process plugin, called in index order with the others (NRI's builtin plugins);
   * completes once it is configured and synchronized.
   */
  Future<Void> addBuiltin(String name, String index, BuiltinHandler handler);

  /** The admitted plugins ("NN-name") in dispatch order. */
  Future<List<String>> plugins();

  /** Completes once every named plugin has registered and been synchronized. */
  Future<Void> awaitPlugins(Collection<String> ids, Duration timeout);

  /** Plugin connections cut before they registered, by reason, and log lines held back about them (for metrics). */
  default io.nrivertx.plugin.PeerCuts peerCuts() {
    return io.nrivertx.plugin.PeerCuts.NONE;
  }

  /** Stops listening, closes every plugin connection and removes the socket. */
  Future<Void> close();
}
