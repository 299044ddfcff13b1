package io.nrivertx.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell command as an example's README shows it, checked to be there word for word, then turned
 * into a process command line for this build: the paths the README uses ({@code target/},
 * {@code /tmp/...}, the cluster configuration) are swapped for the test's own in one pass, and
 * {@code java} is this JDK's launcher. Only what the READMEs use is understood: words separated by
 * blanks, single quotes, and a backslash ending a line.
 */
final class DocumentedCommand {
  private final String text;

  private DocumentedCommand(String text) {
    this.text = text;
  }

  /** The command {@code readme} documents; fails when the README does not show it exactly. */
  static DocumentedCommand in(Path readme, String command) {
    String doc;
    try {
      doc = Files.readString(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String wanted = joined(command);
    assertTrue(joined(doc).contains(wanted), readme + " no longer documents the command the test runs:\n" + wanted);
    return new DocumentedCommand(wanted);
  }

  /** The process command line, with every key of {@code paths} replaced by its value. */
  List<String> argv(Map<String, String> paths) {
    List<String> keys = new ArrayList<>(paths.keySet());
    // Longest first, so "target/cluster-libs" wins over "target/"; one pass, so a replacement is never replaced again.
    keys.sort((a, b) -> b.length() - a.length());
    Pattern any = Pattern.compile(String.join("|", keys.stream().map(Pattern::quote).toList()));
    String local = any.matcher(text).replaceAll(m -> Matcher.quoteReplacement(paths.get(m.group())));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>();
    for (String word : words(local)) {
      argv.add(word.equals("java") ? java : word);
    }
    return argv;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Continuation lines joined, each run of blanks one space: the form both sides are compared in. */
  private static String joined(String s) {
    return s.replaceAll("\\\\\\n\\s*", " ").replaceAll("[ \\t]+", " ").trim();
  }

  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
