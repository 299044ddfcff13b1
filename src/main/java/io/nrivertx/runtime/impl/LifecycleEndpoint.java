package io.nrivertx.runtime.impl;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.bus.ProtoCodec;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code <prefix>.lifecycle} address, for senders that are not this JVM's Java code (another
 * node, another language): the same events, deadlines and failures as {@code NriRuntime.request},
 * a failure's kind in its code (docs/eventbus.md). Java senders pass the protobuf message itself
 * (codec {@code nri-proto}, no copy within a JVM); others send its bytes in a Buffer and get bytes back.
 */
final class LifecycleEndpoint {
  private final RuntimeCore core;
  private final NriAddresses addresses;
  private MessageConsumer<Object> consumer;

  LifecycleEndpoint(RuntimeCore core, NriAddresses addresses) {
    this.core = core;
    this.addresses = addresses;
  }

  Future<Void> start() {
    ProtoCodec.ensureRegistered(core.context().vertx());
    consumer = core.context().vertx().eventBus().consumer(addresses.lifecycle(), this::onMessage);
    return consumer.completion();
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void onMessage(io.vertx.core.eventbus.Message<Object> msg) {
    String method = msg.headers().get(NriAddresses.EVENT_HEADER);
    PluginCall<?, ?> call = method == null ? null : PluginCall.byMethod(method);
    if (call == null || !call.isLifecycleEvent()) {
      fail(msg, new LifecycleException.BadRequest("unknown lifecycle event \"" + method + "\" in header '"
          + NriAddresses.EVENT_HEADER + "'", method));
      return;
    }
    if (msg.body() == null) {
      fail(msg, new LifecycleException.BadRequest("empty " + method
          + " request: the body must be the request message or its bytes", method));
      return;
    }
    handle(call, msg);
  }

  private <Q extends Message, R extends Message> void handle(PluginCall<Q, R> call,
                                                             io.vertx.core.eventbus.Message<Object> msg) {
    boolean bytes = msg.body() instanceof Buffer;
    Q request;
    Deadline deadline;
    try {
      request = bytes ? call.requestParser().parseFrom(((Buffer) msg.body()).getBytes()) : typed(call, msg.body());
      deadline = deadline(msg.headers());
    } catch (InvalidProtocolBufferException | ClassCastException e) {
      fail(msg, new LifecycleException.BadRequest("malformed " + call.method() + " request: " + e.getMessage(),
          call.method()));
      return;
    } catch (IllegalArgumentException e) {
      fail(msg, new LifecycleException.BadRequest(e.getMessage(), call.method()));
      return;
    }
    EventRequest how = new EventRequest(msg.headers().get(NriAddresses.NAMESPACE_HEADER), deadline,
        headers(msg.headers()));
    core.events().submit(call, request, how).onComplete(ar -> {
      if (ar.failed()) {
        fail(msg, ar.cause());
      } else if (bytes) {
        msg.reply(Buffer.buffer(ar.result().toByteArray()));
      } else {
        msg.reply(ar.result(), new DeliveryOptions().setCodecName(ProtoCodec.NAME));
      }
    });
  }

  /** Header {@code timeoutMs}: the sender's budget for the event, counted from arrival. */
  private Deadline deadline(MultiMap headers) {
    String timeout = headers.get(NriAddresses.TIMEOUT_HEADER);
    if (timeout == null) {
      return Deadline.NONE;
    }
    long millis;
    try {
      millis = Long.parseLong(timeout.strip());
    } catch (NumberFormatException e) {
      millis = -1;
    }
    if (millis < 0) {
      throw new IllegalArgumentException("invalid header '" + NriAddresses.TIMEOUT_HEADER + "': \"" + timeout
          + "\" (milliseconds, 0 or more)");
    }
    return Deadline.of(null, Duration.ofMillis(millis), core.options().getDeadlineMargin(), core.context().clock());
  }

  /** The request object itself when it has the right type (zero-copy), else re-read from its bytes. */
  @SuppressWarnings("unchecked") // checked: the parser is the one of the call's request type
  private static <Q extends Message> Q typed(PluginCall<Q, ?> call, Object body) throws InvalidProtocolBufferException {
    Message m = (Message) body;
    return m.getParserForType() == call.requestParser() ? (Q) m : call.requestParser().parseFrom(m.toByteString());
  }

  private static Map<String, String> headers(MultiMap headers) {
    Map<String, String> all = new HashMap<>();
    headers.forEach(e -> all.putIfAbsent(e.getKey(), e.getValue()));
    return Map.copyOf(all);
  }

  private static void fail(io.vertx.core.eventbus.Message<Object> msg, Throwable err) {
    LifecycleException e = err instanceof LifecycleException le ? le
        : new LifecycleException.Internal("internal error: " + err, null, null, err);
    msg.fail(e.kind().busCode(), e.getMessage());
  }
}
