package io.nrivertx.service;

/**
 * The rules NRI applies to the name and index an external plugin registers with. The messages
 * match the Go runtime's, because plugins and their operators see them verbatim (docs/protocol.md,
 * "Registration").
 */
public final class PluginNames {
  private PluginNames() {
  }

  /** @return null when valid, else why not */
  public static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      return "invalid plugin name: name is empty";
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '+';
      if (!ok) {
        return "invalid plugin name \"" + name + "\": contains invalid character '"
            + new String(Character.toChars(c)) + "'";
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /** @return null when valid, else why not */
  public static String checkIndex(String idx) {
    if (idx == null || idx.length() != 2) {
      return "invalid plugin index \"" + idx + "\", must be 2 digits";
    }
    if (!Character.isDigit(idx.charAt(0)) || idx.charAt(0) > '9' || idx.charAt(1) < '0' || idx.charAt(1) > '9'
        || idx.charAt(0) < '0') {
      return "invalid plugin index \"" + idx + "\" (not [0-9][0-9])";
    }
    return null;
  }
}
