package io.nrivertx.bench.jmh;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.KeyValue;
import io.nrivertx.merge.CreateResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Level;

/**
 * The adjustment merge of one CreateContainer answered by 10 plugins, each with the small
 * adjustment the bench's adjusters return (an annotation and an env var of its own).
 * {@code mergeTen} is the merge alone; {@code mergeTenAsDispatched} also builds the container
 * each next plugin is sent, as the dispatch does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MergeBenchmark {
  private static final int PLUGINS = 10;
  private CreateContainerRequest request;
  private final CreateContainerResponse[] replies = new CreateContainerResponse[PLUGINS];
  private final String[] ids = new String[PLUGINS];

  @Setup(Level.Trial)
  public void setUp() {
    request = Fixture.request();
    for (int i = 0; i < PLUGINS; i++) {
      ids[i] = (10 + i) + "-bench" + i;
      replies[i] = CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder()
          .putAnnotations("bench.nri.io/p" + i, "adjusted")
          .addEnv(KeyValue.newBuilder().setKey("BENCH_P" + i).setValue("1"))).build();
    }
  }

  @Benchmark
  public CreateContainerResponse mergeTen() {
    CreateResult result = new CreateResult(request.getPod(), request.getContainer());
    for (int i = 0; i < PLUGINS; i++) {
      result.apply(ids[i], replies[i]);
    }
    return result.response();
  }

  @Benchmark
  public CreateContainerResponse mergeTenAsDispatched() {
    CreateResult result = new CreateResult(request.getPod(), request.getContainer());
    Container sent = null;
    for (int i = 0; i < PLUGINS; i++) {
      sent = result.container();
      result.apply(ids[i], replies[i]);
    }
    return sent == null ? null : result.response();
  }
}
