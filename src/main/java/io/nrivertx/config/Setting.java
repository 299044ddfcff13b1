package io.nrivertx.config;

/**
 * One effective setting: its key (nri-vertx's YAML spelling), its value (String, Boolean,
 * Duration, List of Integer, enum text or DefaultValidatorConfig) and where it came from, e.g.
 * {@code /etc/containerd/config.toml:14 (socket_path)} or {@code environment NRI_VERTX_SOCKET_PATH}.
 */
public record Setting(String key, Object value, String source) {
}
