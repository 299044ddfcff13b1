package io.nrivertx.testing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What launched plugins wrote to stdout, as nri-vertx logged it ("plugin NN-name (pid N) stdout:
 * LINE"). A launched Go recorder gets no arguments, so its JSON lines go there; this reads them
 * back as {@link JsonLines} reads a log file.
 */
public final class PluginOutput implements AutoCloseable {
  public static final String LOGGER = "io.nrivertx.plugin.output";
  private static final Pattern LINE = Pattern.compile("plugin (\\S+) \\(pid (\\d+)\\) (stdout|stderr): (.*)", Pattern.DOTALL);

  /** One logged line. */
  public record Line(String plugin, long pid, String stream, String text) {
    /** The line as JSON, or null when it is not. */
    public JsonObject json() {
      try {
        return text.startsWith("{") ? new JsonObject(text) : null;
      } catch (DecodeException e) {
        return null;
      }
    }
  }

  private final LogCapture capture = new LogCapture(LOGGER);

  public List<Line> lines() {
    List<Line> out = new ArrayList<>();
    for (String m : capture.messages()) {
      Matcher matcher = LINE.matcher(m);
      if (matcher.matches()) {
        out.add(new Line(matcher.group(1), Long.parseLong(matcher.group(2)), matcher.group(3), matcher.group(4)));
      }
    }
    return out;
  }

  /** The recorder's JSON lines of one plugin ("NN-name" as nri-vertx logged it), each with "pid" added. */
  public List<JsonObject> events(String plugin) {
    return lines().stream().filter(l -> l.plugin().equals(plugin) && l.json() != null)
        .map(l -> l.json().put("pid", l.pid())).toList();
  }

  /** Waits until {@code plugin}'s events satisfy {@code condition}; returns them. */
  public List<JsonObject> await(String plugin, Predicate<List<JsonObject>> condition, Duration timeout) {
    return Waiting.until(() -> events(plugin), condition, timeout, events -> "condition not met within " + timeout
        + " for " + plugin + "; output:\n" + String.join("\n", capture.messages()));
  }

  /** Waits for the first event named {@code event} of {@code plugin}. */
  public JsonObject awaitEvent(String plugin, String event, Duration timeout) {
    return await(plugin, es -> es.stream().anyMatch(JsonLines.isEvent(event)), timeout).stream()
        .filter(JsonLines.isEvent(event)).findFirst().orElseThrow();
  }

  /** Waits for a raw line (any stream) of {@code plugin} containing {@code text}. */
  public Line awaitText(String plugin, String text, Duration timeout) {
    return Waiting.until(() -> lines().stream().filter(l -> l.plugin().equals(plugin) && l.text().contains(text))
            .findFirst().orElse(null), java.util.Objects::nonNull, timeout,
        none -> "no output of " + plugin + " containing \"" + text + "\"; output:\n"
            + String.join("\n", capture.messages()));
  }

  @Override
  public void close() {
    capture.close();
  }
}
