package io.nrivertx.plugin.launch;

/** How a child process ended, decoded from its raw wait status as the W* macros of wait(2) do. */
public record ExitStatus(int raw) {
  public boolean exited() {
    return (raw & 0x7f) == 0;
  }

  public int code() {
    return (raw >> 8) & 0xff;
  }

  /** The terminating signal, or 0 when the process exited by itself. */
  public int signal() {
    return exited() ? 0 : raw & 0x7f;
  }

  /** A failure for the restart policy: a non-zero status or death by a signal. */
  public boolean failed() {
    return !exited() || code() != 0;
  }

  /** For "the plugin ...": "exited with status 3", "was killed by signal 9 (SIGKILL)". */
  public String phrase() {
    return exited() ? "exited with status " + code() : "was " + this;
  }

  @Override
  public String toString() {
    if (exited()) {
      return "exit status " + code();
    }
    String name = switch (signal()) {
      case Native.SIGKILL -> " (SIGKILL)";
      case Native.SIGTERM -> " (SIGTERM)";
      case 2 -> " (SIGINT)";
      case 6 -> " (SIGABRT)";
      case 11 -> " (SIGSEGV)";
      default -> "";
    };
    return "killed by signal " + signal() + name;
  }
}
