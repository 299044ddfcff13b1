package io.nrivertx.runtime.impl;

import io.nrivertx.plugin.PluginReply;
import io.nrivertx.runtime.LifecycleException;

/**
 * One plugin call of an event once the failure policy has spoken.
 *
 * @param reply the reply as the audit record shows it (a failure that fails the request reads as
 *     an error with NRI's "plugin X failed to handle ..." text)
 * @param failure why the event must stop here, or null to go on
 * @param dropped the failure policy closed the plugin because of this call
 */
record Called<R>(PluginReply<R> reply, LifecycleException failure, boolean dropped) {
  Called(PluginReply<R> reply, LifecycleException failure) {
    this(reply, failure, false);
  }
}
