package io.stateside.proxy.routing;

import java.time.Duration;

/** The moment a call must be answered by; forwards and side effects share it. */
public record Deadline(long nanoTime) {

  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
  }
}
