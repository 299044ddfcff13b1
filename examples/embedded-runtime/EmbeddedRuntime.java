import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny container runtime built on Vert.x that embeds nri-vertx: its own store ({@link BoxDomain})
 * is the NRI domain, NRI plugins connect to the socket it opens, and {@link Workload} takes one
 * container through its life, printing the container as the plugins adjusted it.
 *
 * <pre>
 * java -cp target/nri-vertx.jar examples/embedded-runtime/EmbeddedRuntime.java \
 *   [--socket PATH] [--prefix PREFIX] [--wait NN-NAME,...] [--cluster] [-- PLUGIN COMMAND...]
 * </pre>
 * With a plugin command the runtime starts it once the socket listens and reaps it at the end.
 */
public class EmbeddedRuntime {
  public static void main(String[] args) throws Exception {
    String socket = "/tmp/nri-embedded/nri.sock";
    String prefix = "nri";
    List<String> wait = List.of();
    boolean cluster = false;
    List<String> command = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--socket" -> socket = args[++i];
        case "--prefix" -> prefix = args[++i];
        case "--wait" -> wait = Arrays.asList(args[++i].split(","));
        case "--cluster" -> cluster = true;
        case "--" -> {
          command = new ArrayList<>(Arrays.asList(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> {
          System.err.println("unknown argument " + args[i] + "; see examples/embedded-runtime/README.md");
          System.exit(2);
        }
      }
    }
    Vertx vertx = cluster ? clustered() : Vertx.builder().with(nativeTransport()).build();
    Process plugin = null;
    int status = 1;
    try {
      BoxDomain domain = new BoxDomain("boxes");
      NriRuntime nri = NriRuntime.deploy(vertx, new NriOptions().setSocketPath(socket).setBusPrefix(prefix), domain)
          .await();
      // Any component of the application can follow NRI on the bus, as the audit subscriber
      // example does from another JVM.
      vertx.eventBus().<JsonObject>consumer(nri.addresses().audit(), m -> System.out.println(summary(m.body())))
          .completion().await();
      System.out.println("nri-vertx listening on " + socket + ", bus prefix " + prefix);
      if (!command.isEmpty()) {
        plugin = new ProcessBuilder(command).inheritIO().start();
      }
      if (!wait.isEmpty()) {
        nri.awaitPlugins(wait, Duration.ofSeconds(60)).await();
        System.out.println("plugins ready: " + nri.plugins().await());
      }
      new Workload(nri, domain).run();
      nri.close().await();
      status = 0;
    } catch (RuntimeException e) {
      System.err.println("embedded runtime failed: " + e.getMessage());
    } finally {
      reap(plugin);
      vertx.close().await();
    }
    System.exit(status);
  }

  private static VertxOptions nativeTransport() {
    // The NRI socket is a unix socket: nri-vertx needs Netty's native (epoll) transport.
    return new VertxOptions().setPreferNativeTransport(true);
  }

  /** A Vert.x on the loopback-only Hazelcast cluster (see examples/audit-subscriber/README.md). */
  private static Vertx clustered() {
    // A missing file would make vertx-hazelcast fall back to its default, multicast discovery.
    String config = System.getProperty("vertx.hazelcast.config");
    if (config == null || !new java.io.File(config).isFile()) {
      System.err.println("--cluster needs -Dvertx.hazelcast.config=examples/cluster/hazelcast-loopback.xml"
          + (config == null ? "" : " (no file " + config + ")"));
      System.exit(2);
    }
    VertxOptions options = nativeTransport().setEventBusOptions(new EventBusOptions()
        .setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    try {
      return Vertx.builder().with(options).buildClustered().await();
    } catch (RuntimeException e) {
      System.err.println("cannot join the cluster (is vertx-hazelcast on the class path?): " + e);
      System.exit(1);
      return null;
    }
  }

  private static String summary(JsonObject r) {
    return switch (r.getString("kind")) {
      case "event" -> "audit: " + r.getString("event") + " in " + r.getString("namespace") + " via "
          + r.getJsonArray("plugins").stream().map(o -> call((JsonObject) o)).toList()
          + (r.getBoolean("ok") ? "" : " failed: " + r.getString("error"));
      case "plugin" -> "audit: plugin " + r.getString("plugin") + " " + r.getString("action");
      default -> "audit: " + r.encode();
    };
  }

  /** "10-logger ok", or a validator's verdict: "10-logger accepted". */
  private static String call(JsonObject c) {
    return c.getString("plugin") + " " + c.getString("verdict", c.getString("outcome"));
  }

  /** The plugin exits once nri-vertx closed its connection; it is killed if it lingers. */
  private static void reap(Process plugin) throws InterruptedException {
    if (plugin == null) {
      return;
    }
    if (!plugin.waitFor(10, TimeUnit.SECONDS)) {
      plugin.destroy();
      if (!plugin.waitFor(5, TimeUnit.SECONDS)) {
        plugin.destroyForcibly().waitFor();
      }
    }
  }
}
