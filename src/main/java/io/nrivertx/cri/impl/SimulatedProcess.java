package io.nrivertx.cri.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a container's simulated process does, read from its command the way the common test
 * shapes would behave: {@code sh -c "exit N"}, {@code sleep N}, {@code true}, {@code false},
 * {@code echo}/{@code printf} (their output goes to the CRI log), and sequences of these joined by
 * ";" or "&&" in a shell script. Anything else runs until it is stopped. The annotations
 * {@value #EXIT_AFTER} (a duration: "500ms", "2s", "1m") and {@value #EXIT_CODE} make any
 * container exit on its own. See docs/cri.md, "Simulated processes".
 *
 * @param exitAfterMillis when the process exits on its own after starting; negative: never
 * @param exitCode its exit code then
 * @param output the lines it writes to stdout before exiting
 */
record SimulatedProcess(long exitAfterMillis, int exitCode, List<String> output) {
  static final String EXIT_AFTER = "nri-vertx.io/exit-after";
  static final String EXIT_CODE = "nri-vertx.io/exit-code";
  private static final SimulatedProcess RUNS = new SimulatedProcess(-1, 0, List.of());
  private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");

  boolean exits() {
    return exitAfterMillis >= 0;
  }

  /** The process of a container with this OCI spec; bad annotations are refused at creation ({@link #check}). */
  static SimulatedProcess of(JsonObject spec) {
    JsonObject annotations = spec.getJsonObject("annotations", new JsonObject());
    List<String> args = new ArrayList<>();
    spec.getJsonObject("process", new JsonObject()).getJsonArray("args", new JsonArray()).forEach(a -> args.add(String.valueOf(a)));
    SimulatedProcess p = args.size() >= 3 && SHELLS.contains(base(args.get(0))) && args.get(1).equals("-c")
        ? script(args.get(2)) : steps(List.of(args));
    if (annotations.containsKey(EXIT_AFTER) && check(Map.of(EXIT_AFTER, String.valueOf(annotations.getValue(EXIT_AFTER)),
        EXIT_CODE, String.valueOf(annotations.getValue(EXIT_CODE, "0")))) == null) {
      return new SimulatedProcess(millis(annotations.getString(EXIT_AFTER)),
          Integer.parseInt(annotations.getString(EXIT_CODE, "0").strip()), p.output);
    }
    return p;
  }

  /** sh's {@code exit N}: N modulo 256; not a number gives 2, as sh's "Illegal number". */
  private static int exitCode(String n) {
    try {
      return Integer.parseInt(n) & 255;
    } catch (NumberFormatException e) {
      return 2;
    }
  }

  /** @return what is wrong with the simulation annotations, or null */
  static String check(Map<String, String> annotations) {
    try {
      if (annotations.containsKey(EXIT_AFTER)) {
        millis(annotations.get(EXIT_AFTER));
      }
      if (annotations.containsKey(EXIT_CODE)) {
        int code = Integer.parseInt(annotations.get(EXIT_CODE).strip());
        if (code < 0 || code > 255) {
          return "annotation " + EXIT_CODE + " must be 0..255, got " + code;
        }
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "annotation " + EXIT_AFTER + "/" + EXIT_CODE + ": " + e.getMessage()
          + " (give a duration such as 500ms, 2s or 1m, and a code 0..255)";
    }
  }

  private static SimulatedProcess script(String script) {
    List<List<String>> steps = ShellWords.commands(script);
    return steps == null ? RUNS : steps(steps);
  }

  /** Runs the steps in order; the last one's status is the exit code, as in a shell. */
  private static SimulatedProcess steps(List<List<String>> steps) {
    long millis = 0;
    int code = 0;
    List<String> out = new ArrayList<>();
    for (List<String> w : steps) {
      if (w.isEmpty()) {
        return RUNS;
      }
      String cmd = base(w.get(0));
      switch (cmd) {
        case "exit" -> {
          return new SimulatedProcess(millis, w.size() > 1 ? exitCode(w.get(1)) : code, out);
        }
        case "true", ":" -> code = 0;
        case "false" -> code = 1;
        case "sleep" -> {
          if (w.size() < 2 || w.get(1).equals("infinity")) {
            return RUNS;
          }
          millis += millis(w.get(1));
          code = 0;
        }
        case "echo" -> {
          List<String> words = w.subList(1, w.size());
          boolean noNewline = !words.isEmpty() && words.get(0).equals("-n");
          out.add(String.join(" ", noNewline ? words.subList(1, words.size()) : words));
          code = 0;
        }
        case "printf" -> {
          if (w.size() > 1) {
            out.addAll(printf(w.get(1), w.subList(2, w.size())));
          }
          code = 0;
        }
        default -> {
          return RUNS;
        }
      }
    }
    return new SimulatedProcess(millis, code, out);
  }

  private static List<String> printf(String format, List<String> args) {
    StringBuilder b = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '\\' && i + 1 < format.length()) {
        char e = format.charAt(++i);
        b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else if (c == '%' && i + 1 < format.length()) {
        char f = format.charAt(++i);
        b.append(f == '%' ? "%" : next < args.size() ? args.get(next++) : "");
      } else {
        b.append(c);
      }
    }
    String text = b.toString();
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** "2", "2s", "1.5", "500ms", "1m", "1h": sleep's arguments and the annotation's. */
  static long millis(String d) {
    String s = d.strip();
    double unit = 1000;
    if (s.endsWith("ms")) {
      unit = 1;
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s")) {
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("m")) {
      unit = 60_000;
      s = s.substring(0, s.length() - 1);
    } else if (s.endsWith("h")) {
      unit = 3_600_000;
      s = s.substring(0, s.length() - 1);
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: \"" + d + "\"");
    }
    if (v < 0 || Double.isNaN(v)) {
      throw new IllegalArgumentException("negative duration: \"" + d + "\"");
    }
    return (long) (v * unit);
  }

  private static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
