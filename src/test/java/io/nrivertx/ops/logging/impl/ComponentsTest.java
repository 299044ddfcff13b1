package io.nrivertx.ops.logging.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentsTest {
  @ParameterizedTest
  @CsvSource({
      "io.nrivertx.plugin.launch.LaunchedPlugin, plugin.launch",
      "io.nrivertx.plugin.output, plugin.output",
      "io.nrivertx.runtime.RuntimeCore, runtime",
      "io.nrivertx.cri.impl.CriServerImpl, cri.impl",
      "io.nrivertx.cli.RunCommand$Hook, cli",
      "io.netty.channel.DefaultChannelPipeline, netty",
      "io.vertx.core.impl.ContextImpl, vertx",
      "io.opentelemetry.sdk.trace.SdkTracerProvider, otel",
      "com.hazelcast.instance.impl.Node, com.hazelcast.instance.impl",
      "Plain, Plain",
  })
  void namesTheComponent(String logger, String component) {
    assertEquals(component, Components.of(logger));
  }
}
