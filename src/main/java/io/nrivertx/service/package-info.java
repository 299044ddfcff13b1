/**
 * NRI's two ttrpc services as both ends describe them, shared by the runtime ({@code runtime},
 * {@code plugin}) and the plugin stub ({@code stub}) so neither side imports the other:
 * the Plugin service's methods and the event that gates each ({@link io.nrivertx.service.PluginCall}),
 * subscriptions ({@link io.nrivertx.service.EventMask}), the rules for plugin names and indices
 * ({@link io.nrivertx.service.PluginNames}) and how errors read in Go's words
 * ({@link io.nrivertx.service.Errors}).
 */
package io.nrivertx.service;
