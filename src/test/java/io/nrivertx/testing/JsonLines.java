package io.nrivertx.testing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the JSON-lines log the Go test plugins write ({@code -log-file}): one object per request
 * with at least {@code plugin} ("NN-name"), {@code event} and {@code time}. Waiting methods block
 * the calling thread, so call them from the test thread, never from an event loop.
 */
public final class JsonLines {

  private final Path file;

  public JsonLines(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** All complete lines written so far (a missing file reads as empty). */
  public List<JsonObject> read() {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String text = new String(data, StandardCharsets.UTF_8);
    // The writer may be mid-line: only lines ended by '\n' are complete.
    int end = text.lastIndexOf('\n');
    List<JsonObject> lines = new ArrayList<>();
    for (String line : text.substring(0, end + 1).split("\n")) {
      if (!line.isBlank()) {
        try {
          lines.add(new JsonObject(line));
        } catch (DecodeException e) {
          throw new AssertionError("bad JSON line in " + file + ": " + line, e);
        }
      }
    }
    return lines;
  }

  /** Lines of one event ("CreateContainer", "Synchronize", "ConnectionClosed", ...). */
  public List<JsonObject> events(String event) {
    return read().stream().filter(isEvent(event)).toList();
  }

  /** Matches lines of the given event. */
  public static Predicate<JsonObject> isEvent(String event) {
    return l -> event.equals(l.getString("event"));
  }

  /** Matches lines of the given event about the container with this name. */
  public static Predicate<JsonObject> isEvent(String event, String containerName) {
    return isEvent(event).and(l -> l.getJsonObject("container") != null
        && containerName.equals(l.getJsonObject("container").getString("name")));
  }

  /** Waits for the first line matching {@code match}; fails with the file's content on timeout. */
  public JsonObject awaitLine(Predicate<JsonObject> match, Duration timeout) {
    List<JsonObject> lines = await(ls -> ls.stream().anyMatch(match), timeout);
    return lines.stream().filter(match).findFirst().orElseThrow();
  }

  /** Waits for the first line of {@code event}. */
  public JsonObject awaitEvent(String event, Duration timeout) {
    return awaitLine(isEvent(event), timeout);
  }

  /** Polls until {@code condition} holds over all lines; returns those lines. */
  public List<JsonObject> await(Predicate<List<JsonObject>> condition, Duration timeout) {
    return Waiting.until(this::read, condition, timeout, lines -> "condition not met within " + timeout + " in "
        + file + "; lines:\n" + (lines == null ? "" : String.join("\n", lines.stream().map(JsonObject::encode).toList())));
  }
}
