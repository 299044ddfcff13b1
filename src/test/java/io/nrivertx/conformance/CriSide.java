package io.nrivertx.conformance;

import io.nrivertx.cri.Crictl;
import java.nio.file.Path;

/** One CRI runtime of the side-by-side run: the CRI bench or a real containerd. */
interface CriSide extends AutoCloseable {
  /** "bench" or "containerd", as differences name the sides. */
  String name();

  Crictl crictl();

  /** Where the recorder plugin connects. */
  Path nriSocket();

  /** The tail of the runtime's log, for a failure's message. */
  String tail();

  @Override
  void close();
}
