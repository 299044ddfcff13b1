package io.nrivertx.stub.samples;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Where the logger writes: stdout or an appended file, as YAML blocks (every line prefixed with
 * time, plugin and event, like NRI's logger) or as one JSON object per line. Protobuf messages
 * keep their proto field names, as the Go plugins' YAML does. Writes happen in order on one
 * worker thread, never on the event loop.
 */
final class EventLog {
  private final WorkerExecutor writer;
  private final String plugin;
  private final JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames();
  private final Yaml yaml;
  private volatile boolean json;
  private OutputStream out; // worker thread only
  private Path file;

  EventLog(Vertx vertx, String plugin, String format) {
    this.writer = vertx.createSharedWorkerExecutor("nri-logger-" + plugin + "-" + System.identityHashCode(this), 1);
    this.plugin = plugin;
    this.json = format.equals("json");
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    this.yaml = new Yaml(options);
  }

  /** Sends what follows to {@code path} (appending), or to stdout for "". */
  Future<Void> open(String path, String format) {
    json = format.equals("json");
    return writer.<Void>executeBlocking(() -> {
      Path next = path.isEmpty() ? null : Path.of(path);
      if (next == null ? file == null : next.equals(file)) {
        return null;
      }
      OutputStream opened = next == null ? System.out : Files.newOutputStream(next, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      closeFile();
      out = opened;
      file = next;
      return null;
    });
  }

  /** Logs one event with its tagged objects: protobuf messages, lists of them, or plain values. */
  Future<Void> write(String event, Object... tagsAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i + 1 < tagsAndValues.length; i += 2) {
      values.put((String) tagsAndValues[i], toJson(tagsAndValues[i + 1]));
    }
    String time = Instant.now().toString();
    String text = json ? jsonLine(time, event, values) : yamlLines(time, event, values);
    // A log that cannot be written must not fail the runtime's request (Go's logger ignores it too).
    return writer.<Void>executeBlocking(() -> {
      OutputStream target = out != null ? out : System.out;
      target.write(text.getBytes(StandardCharsets.UTF_8));
      target.flush();
      return null;
    }).recover(err -> {
      System.err.println("nri logger " + plugin + ": cannot write log: " + err);
      return Future.succeededFuture();
    });
  }

  private String jsonLine(String time, String event, Map<String, Object> values) {
    JsonObject line = new JsonObject().put("time", time).put("plugin", plugin).put("event", event);
    values.forEach(line::put);
    return line.encode() + "\n";
  }

  private String yamlLines(String time, String event, Map<String, Object> values) {
    StringBuilder text = new StringBuilder();
    String prefix = time + " [" + plugin + "] " + event + ":";
    if (values.isEmpty()) {
      text.append(prefix).append('\n');
    }
    values.forEach((tag, value) -> {
      text.append(prefix).append(' ').append(tag).append(":\n");
      for (String line : yaml.dump(plain(value)).strip().split("\n")) {
        text.append(prefix).append("    ").append(line).append('\n');
      }
    });
    return text.toString();
  }

  private Object toJson(Object value) {
    return switch (value) {
      case null -> null;
      case MessageOrBuilder m -> new JsonObject(print(m));
      case List<?> list -> new JsonArray(list.stream().map(this::toJson).toList());
      default -> value;
    };
  }

  private String print(MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      return new JsonObject().put("unprintable", e.getMessage()).encode();
    }
  }

  /** Vert.x JSON wrappers as plain maps and lists, which SnakeYAML can dump. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case JsonObject o -> {
        Map<String, Object> map = new LinkedHashMap<>();
        o.forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        yield map;
      }
      case JsonArray a -> a.stream().map(EventLog::plain).toList();
      default -> value;
    };
  }

  private void closeFile() throws IOException {
    if (out != null && out != System.out) {
      out.close();
    }
  }

  Future<Void> close() {
    return writer.<Void>executeBlocking(() -> {
      closeFile();
      out = null;
      file = null;
      return null;
    }).eventually(writer::close);
  }
}
