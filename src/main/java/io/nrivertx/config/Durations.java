package io.nrivertx.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go duration strings ("5s", "1500ms", "1m30s", "-2h", "0"), the form containerd's NRI settings
 * and the Go stub use, so operators can copy values between the two configurations unchanged.
 */
public final class Durations {
  /** The accepted form, for error messages. */
  public static final String FORM = "a Go duration such as \"2s\", \"1500ms\" or \"1m30s\" (units ns, us, ms, s, m, h)";

  private static final Map<String, Long> UNIT_NANOS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private Durations() {
  }

  /** Parses like Go's time.ParseDuration; the exception says what is wrong with the text. */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    int i = 0;
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      i++;
    }
    if (text.substring(i).equals("0")) {
      return Duration.ZERO;
    }
    if (i == text.length()) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    BigDecimal total = BigDecimal.ZERO;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      String number = text.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new IllegalArgumentException("invalid duration \"" + text + "\"");
      }
      int unitStart = i;
      while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
        i++;
      }
      String unit = text.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
      }
      Long nanos = UNIT_NANOS.get(unit);
      if (nanos == null) {
        throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanos)));
    }
    // Go truncates fractions of a nanosecond and refuses what does not fit in an int64.
    BigInteger whole = total.toBigInteger();
    if (whole.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\" (out of range)");
    }
    Duration d = Duration.ofNanos(whole.longValueExact());
    return negative ? d.negated() : d;
  }

  /** Go's String() form: "1m30s", "1.5s", "250ms", "0s". */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    String sign = d.isNegative() ? "-" : "";
    Duration a = d.abs();
    if (a.compareTo(Duration.ofSeconds(1)) < 0) {
      long nanos = a.toNanos();
      if (nanos < 1_000) {
        return sign + nanos + "ns";
      }
      return sign + (nanos < 1_000_000 ? decimal(nanos, 1_000) + "us" : decimal(nanos, 1_000_000) + "ms");
    }
    StringBuilder sb = new StringBuilder(sign);
    long hours = a.toHours();
    long minutes = a.toMinutesPart();
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    return sb.append(decimal(a.toSecondsPart() * 1_000_000_000L + a.toNanosPart(), 1_000_000_000L)).append('s')
        .toString();
  }

  private static String decimal(long value, long unit) {
    return new BigDecimal(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }
}
