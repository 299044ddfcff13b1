package io.nrivertx.containerd;

/**
 * This machine cannot run the harness (not root, no unshare, no Go toolchain). Tests turn it into
 * a skip, or into a failure when {@code CI=true}: CI must run them.
 */
final class HarnessUnavailable extends RuntimeException {
  HarnessUnavailable(String why) {
    super(why);
  }
}
