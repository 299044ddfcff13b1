package io.nrivertx.stub.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line flags the way Go's {@code flag} package reads them, so that the Java samples take
 * the same command lines as NRI's Go plugins: {@code -name value}, {@code -name=value},
 * {@code --name value}; boolean flags take no value (or {@code =true/false}); parsing stops at
 * {@code --}. Positional arguments are refused, as no sample takes any.
 */
final class GoFlags {
  private record Flag(String name, String usage, String defaultValue, boolean bool) {
  }

  private final String program;
  private final Map<String, Flag> flags = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  GoFlags(String program) {
    this.program = program;
  }

  GoFlags string(String name, String defaultValue, String usage) {
    flags.put(name, new Flag(name, usage, defaultValue, false));
    return this;
  }

  GoFlags bool(String name, String usage) {
    flags.put(name, new Flag(name, usage, "false", true));
    return this;
  }

  /**
   * @throws HelpRequested for -h / -help
   * @throws IllegalArgumentException for anything Go's flag package would reject; the message
   *     ends with the usage text
   */
  GoFlags parse(String... args) {
    try {
      parseOrThrow(args);
    } catch (HelpRequested e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n" + usage(), e);
    }
    return this;
  }

  private void parseOrThrow(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        if (i + 1 < args.length) {
          throw new IllegalArgumentException("unexpected argument: " + args[i + 1]);
        }
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      Flag flag = flags.get(name);
      if (flag == null) {
        if (name.equals("h") || name.equals("help")) {
          throw new HelpRequested(usage());
        }
        throw new IllegalArgumentException("flag provided but not defined: -" + name);
      }
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (flag.bool()) {
        value = "true";
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("flag needs an argument: -" + name);
      }
      if (flag.bool() && !value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException("invalid boolean value \"" + value + "\" for -" + name);
      }
      values.put(name, value);
    }
  }

  /** Whether this command line defines flag {@code -name}. */
  boolean has(String name) {
    return flags.containsKey(name);
  }

  String get(String name) {
    Flag flag = flags.get(name);
    if (flag == null) {
      throw new IllegalArgumentException("no flag -" + name);
    }
    return values.getOrDefault(name, flag.defaultValue());
  }

  boolean isTrue(String name) {
    return Boolean.parseBoolean(get(name));
  }

  String usage() {
    StringBuilder text = new StringBuilder("Usage of " + program + ":\n");
    for (Flag f : flags.values()) {
      text.append("  -").append(f.name()).append(f.bool() ? "" : " string").append("\n    \t")
          .append(f.usage());
      if (!f.bool() && !f.defaultValue().isEmpty()) {
        text.append(" (default \"").append(f.defaultValue()).append("\")");
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** -h or -help: not an error, the caller prints the usage and exits 0. */
  static final class HelpRequested extends RuntimeException {
    HelpRequested(String usage) {
      super(usage, null, false, false);
    }
  }
}
