package io.stateside.proxy.discovery;

/** A reason the user function's spec cannot be served, worded for its author. */
public final class DiscoveryProblem extends RuntimeException {
  public DiscoveryProblem(String message) {
    super(message);
  }
}
