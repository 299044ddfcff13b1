package io.nrivertx.conformance;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A runtime side that can also play a case with something between it and the plugins (the
 * relay): it then waits for that one's registration instead of the plugins', and for its
 * go-ahead before the first step.
 */
interface UpstreamRunner extends Side {
  /** As {@link #run(ConformanceCase, Path, Path, Path)} with {@code behind} in front of the plugins. */
  Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket, Behind behind);

  /** What stands between the adaptation and the plugins (a relay), per case. */
  interface Behind {
    /** The "NN-name" it registers with upstream. */
    String id();

    /** The request timeout the adaptation gives it (the plugins behind it get the case's). */
    Duration upstreamTimeout(ConformanceCase c);

    /** Starts it against the adaptation's socket, and the case's plugins against it. */
    Session open(ConformanceCase c, Path dir, Path upstreamSocket);

    interface Session extends AutoCloseable {
      /** Waits until every plugin of the case registered with it. */
      void awaitPlugins();

      /** The plugins' logs; read after close. */
      Map<String, List<JsonObject>> logs();

      @Override
      void close();
    }
  }
}
