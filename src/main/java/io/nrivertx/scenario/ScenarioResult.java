package io.nrivertx.scenario;

/**
 * How a scenario went.
 *
 * @param steps  steps played
 * @param failed steps that failed: an expectation did not hold, a step without expectation was
 *               refused, or the step could not be played at all
 */
public record ScenarioResult(int steps, int failed) {
  /** 0 when every step passed, 1 otherwise (2, a bad file, never gets this far). */
  public int exitCode() {
    return failed == 0 ? 0 : 1;
  }
}
