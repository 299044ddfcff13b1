package io.nrivertx.conformance;

import io.nrivertx.containerd.Containerd;
import io.nrivertx.cri.Crictl;
import java.nio.file.Path;

/** A real containerd of the harness (docs/containerd-harness.md) as one side of the run. */
final class ContainerdSide implements CriSide {
  private final Containerd containerd;

  ContainerdSide(Containerd containerd) {
    this.containerd = containerd;
  }

  @Override
  public String name() {
    return "containerd";
  }

  @Override
  public Crictl crictl() {
    return containerd.crictl();
  }

  @Override
  public Path nriSocket() {
    return containerd.nriSocket();
  }

  @Override
  public String tail() {
    return containerd.tail(30);
  }

  /** The harness's containerd is closed by whoever started it. */
  @Override
  public void close() {
  }
}
