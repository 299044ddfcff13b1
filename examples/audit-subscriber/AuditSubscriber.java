import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;

/**
 * Writes the audit stream of an nri-vertx instance running in another JVM to a file, one JSON
 * record per line. The two JVMs share a clustered event bus (Hazelcast); the records are plain
 * JSON, so nothing of nri-vertx is needed here but Vert.x itself.
 *
 * <pre>
 * java -cp 'target/nri-vertx.jar:target/cluster-libs/*' \
 *   -Dvertx.hazelcast.config=examples/cluster/hazelcast-loopback.xml \
 *   examples/audit-subscriber/AuditSubscriber.java OUT.jsonl [--prefix nri]
 * </pre>
 */
public class AuditSubscriber extends VerticleBase {
  private final String address;
  private final String path;
  private AsyncFile file;
  private MessageConsumer<JsonObject> consumer;

  AuditSubscriber(String address, String path) {
    this.address = address;
    this.path = path;
  }

  public static void main(String[] args) {
    if (args.length != 1 && !(args.length == 3 && args[1].equals("--prefix"))) {
      System.err.println("usage: AuditSubscriber OUT.jsonl [--prefix PREFIX]   (PREFIX: the runtime's busPrefix, default nri)");
      System.exit(2);
    }
    // Without its configuration file vertx-hazelcast falls back to looking for peers by multicast
    // on every network: refuse rather than leave this machine.
    String config = System.getProperty("vertx.hazelcast.config");
    if (config == null || !new java.io.File(config).isFile()) {
      System.err.println("set -Dvertx.hazelcast.config=examples/cluster/hazelcast-loopback.xml (see README.md)"
          + (config == null ? "" : "; no file " + config));
      System.exit(2);
    }
    String address = (args.length == 3 ? args[2] : "nri") + ".audit";
    // The event bus's own TCP server, which carries the messages between members, on loopback too.
    VertxOptions options = new VertxOptions().setEventBusOptions(new EventBusOptions()
        .setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    Vertx vertx;
    try {
      vertx = Vertx.builder().with(options).buildClustered().await();
    } catch (RuntimeException e) {
      System.err.println("cannot join the cluster (is vertx-hazelcast on the class path?): " + e);
      System.exit(1);
      return;
    }
    try {
      vertx.deployVerticle(new AuditSubscriber(address, args[0])).await();
    } catch (RuntimeException e) {
      System.err.println("cannot subscribe: " + e.getMessage());
      vertx.close().await();
      System.exit(1);
    }
    System.out.println("subscribed to " + address + ", writing " + args[0]);
    // Runs until stopped (Ctrl-C, SIGTERM): closing Vert.x undeploys the verticle, which closes
    // the file, and leaves the cluster cleanly before the JVM goes.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
  }

  @Override
  public Future<?> start() {
    OpenOptions append = new OpenOptions().setAppend(true).setCreate(true).setWrite(true);
    return vertx.fileSystem().open(path, append).compose(f -> {
      file = f;
      consumer = vertx.eventBus().consumer(address, msg -> file.write(Buffer.buffer(msg.body().encode() + "\n")));
      // Completes once the subscription is known cluster-wide: records published after this reach us.
      return consumer.completion();
    });
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister().eventually(() -> file.close());
  }
}
