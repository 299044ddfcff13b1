package io.nrivertx.observe;

/**
 * A plugin as observers see it.
 *
 * @param id "NN-name", or null for a connection that never named itself
 * @param kind "external", "pre-connected" or "builtin"
 * @param pid the peer's process id (-1 when the transport cannot tell)
 * @param uid the peer's user id (-1 when unknown)
 */
public record PluginInfo(String id, String kind, int pid, int uid) {
}
