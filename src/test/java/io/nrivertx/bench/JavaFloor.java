package io.nrivertx.bench;

import static io.nrivertx.bench.JavaHarness.await;

import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.service.PluginCall;
import io.nrivertx.protocol.TtrpcConnection;
import io.nrivertx.protocol.TtrpcRole;
import io.nrivertx.stub.impl.UnixFd;
import io.nrivertx.testing.UnixSocketPair;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The floor through nri-vertx's own codecs: one CreateContainer round trip from a {@link
 * TtrpcConnection} (mux and ttrpc codecs, protobuf encode and decode) to benchrunner's floor
 * peer on the other end of a socketpair, with no runtime logic in between.
 */
final class JavaFloor {
  private JavaFloor() {
  }

  static JsonObject run(Path benchrunner, CreateContainerRequest tmpl, int warmup, int events) throws Exception {
    UnixSocketPair pair = UnixSocketPair.open();
    int pid = PeerSpawn.spawn(List.of(benchrunner.toString(), "-case", "floor-peer"), pair.right());
    UnixSocketPair.close(pair.right());
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    try {
      UnixFd.setNonBlocking(pair.left());
      ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
      EpollDomainSocketChannel channel = new EpollDomainSocketChannel(pair.left());
      channel.config().setAutoRead(false); // attached off the loop: nothing may be read before that
      ctx.nettyEventLoop().register(channel).syncUninterruptibly();
      TtrpcConnection ttrpc = TtrpcConnection.attach(channel, TtrpcRole.RUNTIME, "floor");
      channel.config().setAutoRead(true);
      Latencies lat = new Latencies(events);
      Promise<Void> done = Promise.promise();
      channel.eventLoop().execute(() -> step(ttrpc, tmpl, 0, warmup, lat, done));
      await(done.future());
      ttrpc.close("done");
      return lat.toJson();
    } finally {
      await(vertx.close());
      PeerSpawn.killAndReap(pid);
    }
  }

  private static void step(TtrpcConnection ttrpc, CreateContainerRequest tmpl, int i, int warmup, Latencies lat,
                           Promise<Void> done) {
    if (i == warmup + lat.capacity()) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    ttrpc.call(PluginCall.SERVICE, "CreateContainer", tmpl.toByteArray(), 2000).onComplete(ar -> {
      long took;
      try {
        CreateContainerResponse rsp = CreateContainerResponse.parseFrom(ar.result());
        took = System.nanoTime() - start;
        if (rsp.getAdjust().getAnnotationsCount() == 0) {
          throw new IllegalStateException("floor peer answered without an adjustment");
        }
      } catch (Exception e) {
        done.fail(ar.failed() ? ar.cause() : e);
        return;
      }
      if (i >= warmup) {
        lat.add(took);
      }
      step(ttrpc, tmpl, i + 1, warmup, lat, done);
    });
  }
}
