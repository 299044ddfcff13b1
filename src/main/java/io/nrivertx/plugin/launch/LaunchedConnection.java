package io.nrivertx.plugin.launch;

import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.PeerIdentity;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.PluginConnection;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.Future;

/**
 * A launched plugin's connection as the core sees it. SO_PEERCRED on a socket pair names the
 * process that created the pair, i.e. nri-vertx itself, so the peer identity is corrected to the
 * child's pid here; everything else is the connection's own.
 */
final class LaunchedConnection implements Plugin {
  private final PluginConnection connection;
  private final PeerIdentity peer;

  LaunchedConnection(PluginConnection connection, int pid) {
    this.connection = connection;
    // The child runs as nri-vertx does, so uid and gid are the socket pair's own.
    this.peer = new PeerIdentity(pid, connection.peer().uid(), connection.peer().gid());
  }

  @Override
  public String index() {
    return connection.index();
  }

  @Override
  public String name() {
    return connection.name();
  }

  @Override
  public String kind() {
    return connection.kind();
  }

  @Override
  public PeerIdentity peer() {
    return peer;
  }

  @Override
  public EventMask events() {
    return connection.events();
  }

  @Override
  public void subscribe(EventMask events, FailurePolicy policy) {
    connection.subscribe(events, policy);
  }

  @Override
  public boolean timesOutItself() {
    return connection.timesOutItself();
  }

  @Override
  public FailurePolicy failurePolicy() {
    return connection.failurePolicy();
  }

  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                            CallOptions options) {
    return connection.invoke(call, request, options);
  }

  @Override
  public boolean isClosed() {
    return connection.isClosed();
  }

  @Override
  public Future<Void> closeFuture() {
    return connection.closeFuture();
  }

  @Override
  public String closeReason() {
    return connection.closeReason();
  }

  @Override
  public void close(String reason) {
    connection.close(reason);
  }

  @Override
  public String toString() {
    return kind() + ":" + id() + "[" + peer + "]";
  }
}
