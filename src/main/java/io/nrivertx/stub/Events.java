package io.nrivertx.stub;

import io.nrivertx.api.Event;
import io.nrivertx.service.EventMask;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Event names as NRI's plugins spell them on command lines and in drop-in configs, and the
 * subscription masks built from them (docs/protocol.md, "Registration").
 */
public final class Events {
  /** Lower-case name → event, for every subscribable event (1..14). */
  private static final Map<String, Event> BY_NAME = byName();

  private Events() {
  }

  /** The event as NRI prints it, e.g. "RunPodSandbox"; "unknown(N)" for anything else. */
  public static String prettyName(Event event) {
    if (event == null || event == Event.UNKNOWN || event == Event.LAST || event == Event.UNRECOGNIZED) {
      return "unknown(" + (event == null || event == Event.UNRECOGNIZED ? -1 : event.getNumber()) + ")";
    }
    StringBuilder name = new StringBuilder();
    for (String word : event.name().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  /** The mask with exactly these events set. */
  public static EventMask mask(Event... events) {
    int bits = 0;
    for (Event e : events) {
      bits |= EventMask.bit(e);
    }
    return new EventMask(bits);
  }

  /**
   * Parses comma-separated event names as NRI's sample plugins do: case-insensitive names such as
   * {@code createcontainer}, or {@code all}, {@code pod}/{@code podsandbox} (every name containing
   * "pod") and {@code container} (every name containing "container", validation included).
   *
   * @throws IllegalArgumentException naming the first unknown event
   */
  public static EventMask parse(String... lists) {
    int bits = 0;
    for (String list : lists) {
      for (String name : list.toLowerCase(Locale.ROOT).split(",", -1)) {
        bits |= switch (name) {
          case "all" -> EventMask.VALID;
          case "pod", "podsandbox" -> containing("pod");
          case "container" -> containing("container");
          default -> {
            Event event = BY_NAME.get(name.strip());
            if (event == null) {
              throw new IllegalArgumentException("unknown event \"" + name + "\"");
            }
            yield EventMask.bit(event);
          }
        };
      }
    }
    return new EventMask(bits);
  }

  /** "RunPodSandbox,CreateContainer" style, in event order; unknown bits as "unknown(0x…)". */
  public static String prettyString(EventMask mask) {
    StringJoiner names = new StringJoiner(",");
    int left = mask.bits();
    for (Event e : BY_NAME.values().stream().sorted().toList()) {
      if (mask.has(e)) {
        names.add(prettyName(e));
        left &= ~EventMask.bit(e);
      }
    }
    if (left != 0) {
      names.add("unknown(0x" + Integer.toHexString(left) + ")");
    }
    return names.toString();
  }

  private static int containing(String word) {
    int bits = 0;
    for (Map.Entry<String, Event> e : BY_NAME.entrySet()) {
      if (e.getKey().contains(word)) {
        bits |= EventMask.bit(e.getValue());
      }
    }
    return bits;
  }

  private static Map<String, Event> byName() {
    Map<String, Event> names = new TreeMap<>();
    for (Event e : Event.values()) {
      if (e != Event.UNKNOWN && e != Event.LAST && e != Event.UNRECOGNIZED) {
        names.put(prettyName(e).toLowerCase(Locale.ROOT), e);
      }
    }
    return Map.copyOf(names);
  }
}
