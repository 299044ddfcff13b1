package io.nrivertx.config;

import java.util.Locale;

/** Byte sizes as operators write them: "512MiB", "1GiB", "64KiB", "100Mi", or plain bytes. */
public final class Sizes {
  public static final String FORM = "a size such as \"512MiB\", \"1GiB\" or a number of bytes";

  private Sizes() {
  }

  /** @throws IllegalArgumentException naming the accepted form */
  public static long parse(String text) {
    String t = text.strip();
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("expected " + FORM + ", got \"" + text + "\"");
    }
    long unit = switch (t.substring(i).strip().toLowerCase(Locale.ROOT)) {
      case "", "b" -> 1;
      case "k", "ki", "kib" -> 1L << 10;
      case "m", "mi", "mib" -> 1L << 20;
      case "g", "gi", "gib" -> 1L << 30;
      default -> throw new IllegalArgumentException("expected " + FORM + ", got \"" + text + "\" (units: KiB, MiB, GiB)");
    };
    try {
      return Math.multiplyExact(Long.parseLong(t.substring(0, i)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("size \"" + text + "\" is too large");
    }
  }
}
