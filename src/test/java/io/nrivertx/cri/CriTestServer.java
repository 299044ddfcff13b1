package io.nrivertx.cri;

import io.nrivertx.NriOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;

/**
 * Runs an NRI runtime and the CRI endpoint in a JVM of its own, so a test can kill it with
 * SIGKILL and start it again on the same state. Arguments: CRI socket, NRI socket, state dir.
 * Prints "RECOVERED ..." and then "READY" on stdout once serving.
 */
public final class CriTestServer {
  private CriTestServer() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    NriOptions nri = new NriOptions().setSocketPath(args[1]).setRequestTimeout(Duration.ofSeconds(2))
        .setBusPrefix("nri-child");
    CriOptions cri = new CriOptions().setSocketPath(args[0]).setStateDir(args[2]);
    CriServer.start(vertx, nri, cri).onComplete(ar -> {
      if (ar.failed()) {
        System.out.println("FAILED " + ar.cause().getMessage());
        System.out.flush();
        System.exit(3);
      }
      CriRecovery r = ar.result().recovery();
      System.out.println("RECOVERED records=" + r.records() + " pods=" + r.pods() + " containers=" + r.containers()
          + " tornOffset=" + r.tornOffset() + " millis=" + r.millis());
      System.out.println("READY");
      System.out.flush();
    });
  }
}
