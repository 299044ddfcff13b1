package io.nrivertx.bus;

import com.google.protobuf.Message;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries NRI protobuf messages on the event bus. Within one JVM the message object itself is
 * delivered (protobuf messages are immutable, so no copy is needed); across a clustered bus it
 * travels as its type name and protobuf bytes.
 */
public final class ProtoCodec implements MessageCodec<Message, Message> {
  public static final String NAME = "nri-proto";
  private final ConcurrentHashMap<String, Method> parsers = new ConcurrentHashMap<>();

  /** Registers the codec on this Vert.x once; further calls (other runtimes in the JVM) are no-ops. */
  public static void ensureRegistered(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new ProtoCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another nri-vertx instance in this Vert.x registered it: the codec is stateless, share it
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Message message) {
    byte[] type = message.getClass().getName().getBytes(StandardCharsets.UTF_8);
    byte[] body = message.toByteArray();
    buffer.appendInt(type.length).appendBytes(type).appendInt(body.length).appendBytes(body);
  }

  @Override
  public Message decodeFromWire(int pos, Buffer buffer) {
    int typeLength = buffer.getInt(pos);
    String type = buffer.getString(pos + 4, pos + 4 + typeLength, "UTF-8");
    int bodyAt = pos + 4 + typeLength;
    byte[] body = buffer.getBytes(bodyAt + 4, bodyAt + 4 + buffer.getInt(bodyAt));
    try {
      return (Message) parser(type).invoke(null, (Object) body);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot decode NRI message of type " + type + ": " + e.getMessage(), e);
    }
  }

  private Method parser(String type) {
    if (!type.startsWith("io.nrivertx.api.")) {
      throw new IllegalArgumentException("not an NRI message type: " + type);
    }
    return parsers.computeIfAbsent(type, t -> {
      try {
        return Class.forName(t).getMethod("parseFrom", byte[].class);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("unknown NRI message type " + t, e);
      }
    });
  }

  @Override
  public Message transform(Message message) {
    return message;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
