package io.nrivertx.merge;

/**
 * The few Go string conventions the merge rules depend on: {@code %q} quoting (error texts must
 * match the Go adaptation's) and the leading '-' removal marker of NRI adjustment keys.
 */
public final class GoText {

  private GoText() {
  }

  /** Go's IsMarkedForRemoval: any key that starts with '-' (even a bare "-"). */
  static boolean isRemoval(String key) {
    return !key.isEmpty() && key.charAt(0) == '-';
  }

  /** The key without its removal marker (unchanged when unmarked). */
  static String unmarked(String key) {
    return isRemoval(key) ? key.substring(1) : key;
  }

  static String markRemoval(String key) {
    return "-" + key;
  }

  /** Go's strconv.Quote, as far as Java strings can differ from Go's (no invalid UTF-8 here). */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x0b -> out.append("\\v");
        default -> {
          if (printable(c)) {
            out.appendCodePoint(c);
          } else if (c < 0x80) {
            out.append(String.format("\\x%02x", c));
          } else if (c < 0x10000) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.append(String.format("\\U%08x", c));
          }
        }
      }
    });
    return out.append('"').toString();
  }

  // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
  private static boolean printable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
           Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
           Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
