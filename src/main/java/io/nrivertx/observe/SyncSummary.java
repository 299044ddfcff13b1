package io.nrivertx.observe;

import java.time.Duration;

/**
 * A finished Synchronize: what the plugin was sent and how long admission took.
 *
 * @param messages Synchronize requests sent (more than one when the state was split)
 * @param duration from registration to the first event the plugin may receive (Configure,
 *     Synchronize and applying its updates)
 */
public record SyncSummary(int pods, int containers, int messages, Duration duration) {
}
