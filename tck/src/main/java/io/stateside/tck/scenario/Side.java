package io.stateside.tck.scenario;

/** Which implementation a scenario judges. */
public enum Side {
  /** The TCK plays the proxy and talks the protocol straight to the user function. */
  USER_FUNCTION("user function"),
  /** A client calls through the proxy; the interceptor shows what the proxy sent and received. */
  PROXY("proxy");

  private final String label;

  Side(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
