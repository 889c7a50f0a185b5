package io.stateside.tck.report;

/** How a scenario ended. */
public enum Outcome {
  PASSED("PASS"),
  FAILED("FAIL"),
  NOT_APPLICABLE("N/A");

  private final String tag;

  Outcome(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }
}
