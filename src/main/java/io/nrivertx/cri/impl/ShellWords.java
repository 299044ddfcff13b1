package io.nrivertx.cri.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a simple shell script into commands and words, as sh would for the shapes
 * {@link SimulatedProcess} knows: blanks separate words; ";", "&&", "||" and newlines separate
 * commands; single quotes, double quotes (in which a backslash escapes only {@code $ ` " \}) and
 * backslashes quote. Anything more (pipes, redirections, variables, subshells) is not simple.
 */
final class ShellWords {
  private ShellWords() {
  }

  /** @return the commands, each a list of words; null if the script is not simple */
  static List<List<String>> commands(String script) {
    List<List<String>> commands = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      char next = i + 1 < script.length() ? script.charAt(i + 1) : 0;
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && "$`\"\\".indexOf(next) >= 0 && next != 0) {
          w.append(next);
          i++;
        } else if (c == '$' || c == '`') {
          return null;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && next != 0) {
        w.append(next);
        i++;
        inWord = true;
      } else if (c == ';' || c == '\n' || (c == '&' && next == '&') || (c == '|' && next == '|')) {
        if (c == '&' || c == '|') {
          i++;
        }
        inWord = endWord(words, w, inWord);
        if (!words.isEmpty()) {
          commands.add(words);
          words = new ArrayList<>();
        }
      } else if ("|&<>()$`{}*?".indexOf(c) >= 0) {
        return null;
      } else if (Character.isWhitespace(c)) {
        inWord = endWord(words, w, inWord);
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      return null;
    }
    endWord(words, w, inWord);
    if (!words.isEmpty()) {
      commands.add(words);
    }
    return commands;
  }

  private static boolean endWord(List<String> words, StringBuilder w, boolean inWord) {
    if (inWord) {
      words.add(w.toString());
      w.setLength(0);
    }
    return false;
  }
}
