/**
 * The runtime core's public types: what a lifecycle event can fail with
 * ({@link io.nrivertx.runtime.LifecycleException}) and settings of the core. The embedding entry
 * points are {@link io.nrivertx.NriRuntime} and {@link io.nrivertx.NriOptions}; the implementation
 * lives in {@code io.nrivertx.runtime.impl}.
 */
package io.nrivertx.runtime;
