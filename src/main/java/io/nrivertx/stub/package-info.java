/**
 * Writing NRI plugins in Java: the plugin side of NRI, like containerd/nri's Go {@code pkg/stub}.
 *
 * <p>Implement {@link io.nrivertx.stub.NriPlugin}, overriding the handlers of the events the
 * plugin needs, and run it with {@link io.nrivertx.stub.Stub}:
 * <pre>{@code
 * Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
 * Stub stub = Stub.create(vertx, new MyPlugin(), new StubOptions().setIndex("10").setName("my-plugin"));
 * stub.start().onFailure(err -> System.exit(1));
 * stub.stopped().onComplete(ar -> System.exit(ar.succeeded() ? 0 : 1));
 * }</pre>
 *
 * <ul>
 *   <li><b>Connection</b>: a runtime-launched plugin gets its socket as fd 3, named by
 *       {@code NRI_PLUGIN_SOCKET}; the stub adopts it. Otherwise it dials the socket path
 *       ({@code /var/run/nri/nri.sock} by default).</li>
 *   <li><b>Identity</b>: {@link io.nrivertx.stub.PluginIdentity#resolve} (environment, options, then
 *       the executable name, which Java programs pass as an option since they have no argv[0]).</li>
 *   <li><b>Protocol</b>: the Plugin service is served before RegisterPlugin is sent (Configure may
 *       arrive before its reply); RegisterPlugin carries {@link io.nrivertx.stub.Stub#NRI_VERSION};
 *       the Configure reply never carries an empty mask; split Synchronize requests are collected
 *       and handed over once; a failed validation becomes a rejection.</li>
 *   <li><b>Reconnect</b> ({@link io.nrivertx.stub.StubOptions#setReconnect}, off by default):
 *       retries connecting, registering and configuring with exponential backoff, initially and
 *       after every connection loss, until stopped.</li>
 *   <li><b>Not done</b>: the Go stub infers the runtime's NRI version from a table when the runtime
 *       does not send one; this stub reports "unknown".</li>
 * </ul>
 *
 * <p>Samples: {@code io.nrivertx.stub.samples} (logger, template); see
 * {@code examples/plugins/README.md}.
 */
package io.nrivertx.stub;
