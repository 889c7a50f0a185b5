package io.stateside.tck.report;

/** How a scenario ended. */
public enum Outcome {
  PASSED("PASS"),
  FAILED("FAIL"),
  /**
   * Failed in the way a known deviation of the support library under test explains (see
   * {@link io.stateside.tck.library.KnownDeviations}): reported with its reason, not as a failure.
   */
  KNOWN_DEVIATION("DEV"),
  NOT_APPLICABLE("N/A");

  private final String tag;

  Outcome(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
