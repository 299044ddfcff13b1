package io.nrivertx.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.service.PluginCall;
import io.nrivertx.wire.MuxFrameDecoder;
import io.nrivertx.wire.TtrpcDemuxDecoder;
import io.nrivertx.wire.TtrpcInbound;
import io.nrivertx.wire.TtrpcMuxEncoder;
import io.nrivertx.wire.TtrpcOutbound;
import io.nrivertx.wire.WireLimits;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One CreateContainer request through nri-vertx's wire path, as a plugin call makes it: protobuf
 * encode of the request and of the ttrpc envelope, then mux framing ({@link TtrpcMuxEncoder});
 * and back: mux deframing, ttrpc reassembly, envelope and request decode. The pipelines are
 * {@link EmbeddedChannel}s holding exactly the handlers a plugin connection installs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireCodecBenchmark {
  private CreateContainerRequest request;
  private EmbeddedChannel encoder;
  private EmbeddedChannel decoder;
  private ByteBuf wire;

  @Setup
  public void setUp() {
    request = Fixture.request();
    encoder = new EmbeddedChannel(new TtrpcMuxEncoder());
    decoder = new EmbeddedChannel(new MuxFrameDecoder(), new TtrpcDemuxDecoder(Set.of(1, 2)));
    ByteBuf out = encodeOnce();
    wire = Unpooled.directBuffer(out.readableBytes()).writeBytes(out);
    out.release();
  }

  @TearDown
  public void tearDown() {
    wire.release();
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
  }

  /** Request object to the bytes written to the socket. */
  @Benchmark
  public int encode() {
    ByteBuf out = encodeOnce();
    int n = out.readableBytes();
    out.release();
    return n;
  }

  /** Bytes read from the socket to the request object. */
  @Benchmark
  public CreateContainerRequest decode() throws InvalidProtocolBufferException {
    decoder.writeInbound(wire.retainedDuplicate());
    TtrpcInbound in = decoder.readInbound();
    try {
      Request envelope = Request.parseFrom(in.content().nioBuffer());
      return CreateContainerRequest.parseFrom(envelope.getPayload());
    } finally {
      in.release();
    }
  }

  private ByteBuf encodeOnce() {
    byte[] envelope = Request.newBuilder()
        .setService(PluginCall.SERVICE)
        .setMethod("CreateContainer")
        .setPayload(UnsafeByteOperations.unsafeWrap(request.toByteArray()))
        .setTimeoutNano(2_000_000_000L)
        .build().toByteArray();
    encoder.writeOutbound(new TtrpcOutbound(WireLimits.PLUGIN_SERVICE, 1, WireLimits.TYPE_REQUEST, (byte) 0,
        envelope));
    return encoder.readOutbound();
  }
}
