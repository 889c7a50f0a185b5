package io.stateside.tck.scenario;

/** Thrown by a scenario that cannot judge this implementation, saying why. */
public final class NotApplicable extends RuntimeException {

  public NotApplicable(String reason) {
    super(reason, null, false, false);
  }
}
