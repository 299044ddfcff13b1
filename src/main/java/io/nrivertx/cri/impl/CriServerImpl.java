package io.nrivertx.cri.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.cri.ImageServiceGrpcService;
import io.nrivertx.api.cri.RuntimeServiceGrpcService;
import io.nrivertx.cri.CriCallObserver;
import io.nrivertx.cri.CriOptions;
import io.nrivertx.cri.CriRecovery;
import io.nrivertx.cri.CriServer;
import io.nrivertx.domain.Domain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Wires one endpoint: the state store on its own context, the NRI runtime deployed over the
 * endpoint's domain, and a vertx-grpc server on the unix socket. Calls to methods the endpoint
 * does not serve get UNIMPLEMENTED with the method's name.
 */
public final class CriServerImpl implements CriServer {
  private static final System.Logger LOG = System.getLogger(CriServerImpl.class.getName());

  private final CriOptions options;
  private final CriStore store;
  private final CriDomain domain;
  private NriRuntime nri;
  private HttpServer http;

  private CriServerImpl(CriOptions options, CriStore store, CriDomain domain) {
    this.options = options;
    this.store = store;
    this.domain = domain;
  }

  /**
   * Reads the journal on a worker while NRI is deployed over the endpoint's domain (whose calls,
   * such as a plugin's Synchronize, wait until the state is loaded), then listens.
   */
  public static Future<CriServer> start(Vertx vertx, NriOptions nriOptions, CriOptions options) {
    ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
    CriStore store = CriStore.create(ctx, Path.of(options.getStateDir()), options.isSyncWrites());
    CriContext cx = new CriContext(ctx, store.loaded());
    PromiseInternal<NriRuntime> runtime = ctx.promise();
    NriEvents events = new NriEvents(runtime.future());
    ImageOps images = new ImageOps(store, options.isRecordImagesOnCreate());
    ContainerOps containers = new ContainerOps(cx, store, events, images);
    PodOps pods = new PodOps(cx, store, events, containers);
    cx.run(() -> {
      containers.resumeProcesses();
      return Future.succeededFuture();
    });
    CriServerImpl server = new CriServerImpl(options, store, new CriDomain(cx, store, containers));
    Future<NriRuntime> deployed = NriRuntime.deploy(vertx, nriOptions, server.domain).onSuccess(rt -> {
      server.nri = rt;
      runtime.complete(rt);
    });
    return Future.join(store.loaded(), deployed).transform(ar -> {
      if (ar.failed()) {
        Throwable err = store.loaded().failed() ? store.loaded().cause() : deployed.cause();
        return server.closeQuietly().compose(v -> Future.failedFuture(err));
      }
      return server.listen(vertx, ctx, new RuntimeEndpoint(cx, store, pods, containers, options, events),
              new ImageEndpoint(cx, store, images, options.getStateDir()))
          .recover(err -> server.closeQuietly().compose(v -> Future.failedFuture(err)));
    }).map(server);
  }

  private Future<Void> listen(Vertx vertx, ContextInternal ctx, RuntimeEndpoint runtime, ImageEndpoint images) {
    Path socket = Path.of(options.getSocketPath()).toAbsolutePath();
    return ctx.<Void>executeBlocking(() -> {
      Path dir = socket.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.deleteIfExists(socket); // a stale socket of an instance that died
      return null;
    }).compose(v -> {
      GrpcServer grpc = GrpcServer.server(vertx);
      grpc.addService(RuntimeServiceGrpcService.of(runtime));
      CallDeadlines.bind(grpc, runtime);
      grpc.addService(ImageServiceGrpcService.of(images));
      grpc.callHandler(req -> req.response().status(GrpcStatus.UNIMPLEMENTED).statusMessage(req.fullMethodName()
          + " is not implemented by nri-vertx: its containers are simulated (no real process to exec in, attach to or"
          + " forward ports of);"
          + " see docs/cri.md for the calls it serves").end());
      http = vertx.createHttpServer(new HttpServerOptions()).requestHandler(
          options.getCallObserver() == CriCallObserver.NONE ? grpc : new ObservedCalls(grpc, options.getCallObserver()));
      return http.listen(SocketAddress.domainSocketAddress(socket.toString())).<Void>mapEmpty();
    }).onSuccess(v -> {
      CriRecovery r = store.recovery();
      LOG.log(System.Logger.Level.INFO, "CRI endpoint listening on unix://" + socket + ", state in " + r.journal()
          + " (" + r.pods() + " pods, " + r.containers() + " containers restored from " + r.records() + " records in "
          + r.millis() + " ms)");
    });
  }

  @Override
  public NriRuntime nri() {
    return nri;
  }

  @Override
  public Domain domain() {
    return domain;
  }

  @Override
  public CriOptions options() {
    return new CriOptions(options);
  }

  @Override
  public CriRecovery recovery() {
    return store.recovery();
  }

  @Override
  public Future<Void> close() {
    Future<Void> stopHttp = http == null ? Future.succeededFuture() : http.close();
    return stopHttp
        .eventually(() -> nri == null ? Future.succeededFuture() : nri.close())
        .eventually(() -> store.context().<Void>executeBlocking(() -> {
          Files.deleteIfExists(Path.of(options.getSocketPath()));
          return null;
        }))
        .eventually(() -> {
          PromiseInternal<Void> closed = store.context().promise();
          store.context().runOnContext(x -> store.close().onComplete(closed));
          return closed.future();
        });
  }

  private Future<Void> closeQuietly() {
    return close().otherwise((Void) null);
  }
}
