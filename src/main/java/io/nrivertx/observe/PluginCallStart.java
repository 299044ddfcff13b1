package io.nrivertx.observe;

import java.time.Duration;

/**
 * A plugin call about to be made.
 *
 * @param plugin the plugin's "NN-name"
 * @param operation the Plugin-service method ("CreateContainer", "ValidateContainerAdjustment",
 *     "Configure", "Synchronize", "Shutdown"), as containerd's metrics label it
 * @param timeout what the call may take: the plugin's request timeout, or less when the event's
 *     deadline leaves less; zero when the deadline leaves nothing and the plugin is not called
 */
public record PluginCallStart(String plugin, String operation, Duration timeout) {
}
