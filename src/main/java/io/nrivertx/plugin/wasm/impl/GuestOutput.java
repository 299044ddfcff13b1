package io.nrivertx.plugin.wasm.impl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A guest's WASI stdout or stderr, logged one record per line under the plugin's name (a Go
 * plugin prints its panics there). Lines are cut at 8 KiB so a chatty guest cannot fill memory.
 */
final class GuestOutput extends OutputStream {
  private static final int MAX_LINE = 8192;
  private static final System.Logger LOG = System.getLogger(GuestModule.OUTPUT_LOGGER);

  private final String prefix;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  GuestOutput(String plugin, String stream) {
    this.prefix = "plugin " + plugin + " " + stream + ": ";
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n' || line.size() >= MAX_LINE) {
      flushLine();
      if (b == '\n') {
        return;
      }
    }
    line.write(b);
  }

  @Override
  public synchronized void flush() {
    flushLine();
  }

  private void flushLine() {
    if (line.size() > 0) {
      LOG.log(System.Logger.Level.INFO, prefix + line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
