package io.nrivertx.config;

/**
 * Something wrong at one place of a YAML document: the 1-based line, the key path
 * ({@code steps[2].op}, empty for the document itself) and what is wrong there. Callers add the
 * file name and turn it into their own layer's exception.
 */
public final class YamlProblem extends RuntimeException {
  private final int line;
  private final String key;

  public YamlProblem(int line, String key, String detail) {
    super(detail, null, false, false);
    this.line = line;
    this.key = key;
  }

  public int line() {
    return line;
  }

  public String key() {
    return key;
  }

  public String detail() {
    return getMessage();
  }

  /** "FILE:LINE: KEY: DETAIL", the shape every file error of nri-vertx takes. */
  public String describe(String file) {
    return file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + detail();
  }
}
