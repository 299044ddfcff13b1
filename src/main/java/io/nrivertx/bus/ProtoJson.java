package io.nrivertx.bus;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Canonical proto3 JSON for NRI messages, as audit records and scenario results carry them. */
public final class ProtoJson {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private ProtoJson() {
  }

  public static JsonObject toJson(MessageOrBuilder message) {
    if (message == null) {
      return null;
    }
    try {
      return new JsonObject(PRINTER.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }

  public static JsonArray toJson(List<? extends MessageOrBuilder> messages) {
    JsonArray out = new JsonArray();
    messages.forEach(m -> out.add(toJson(m)));
    return out;
  }

  /** Reads proto3 JSON into a builder; the exception names the offending field. */
  public static <B extends Message.Builder> B merge(String json, B builder) throws InvalidProtocolBufferException {
    PARSER.merge(json, builder);
    return builder;
  }
}
