package io.nrivertx.ops;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How nri-vertx logs: one line per record on stderr, as text or as JSON (for journald or Loki).
 * YAML section {@code logging:}, flags {@code --log-level} and {@code --log-format}.
 */
public final class LoggingOptions {
  public static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");
  public static final List<String> FORMATS = List.of("text", "json");

  private String level = "info";
  private String format = "text";

  public LoggingOptions() {
  }

  public LoggingOptions(LoggingOptions other) {
    level = other.level;
    format = other.format;
  }

  public LoggingOptions(JsonObject json) {
    setLevel(json.getString("level", "info"));
    setFormat(json.getString("format", "text"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("level", level).put("format", format);
  }

  /** One of {@link #LEVELS}; the level of nri-vertx's own loggers and of the libraries it uses. */
  public String getLevel() {
    return level;
  }

  public LoggingOptions setLevel(String level) {
    this.level = oneOf(level, LEVELS, "level");
    return this;
  }

  /** {@code text} or {@code json}. */
  public String getFormat() {
    return format;
  }

  public LoggingOptions setFormat(String format) {
    this.format = oneOf(format, FORMATS, "format");
    return this;
  }

  private static String oneOf(String value, List<String> allowed, String what) {
    String v = Objects.requireNonNull(value, what).toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException("logging " + what + " must be one of " + String.join(", ", allowed)
          + ", got \"" + value + "\"");
    }
    return v;
  }
}
