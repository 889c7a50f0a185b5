package io.stateside.proxy.routing;

import java.time.Duration;

/** The moment a call must be answered by; forwards and side effects share it. */
public record Deadline(long nanoTime) {

  /** Akka refuses to wait for nothing, so a wait is never shorter than this. */
  private static final Duration SHORTEST_WAIT = Duration.ofNanos(1);

  /** A deadline the given time from now; the timeout must be well below 292 years. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  public boolean isExpired() {
    return nanoTime - System.nanoTime() <= 0;
  }

  /**
   * Time left, at least a nanosecond: a deadline that passes between a check and the wait
   * must still end in a timeout, not in a refusal to wait.
   */
  public Duration remaining() {
    long left = nanoTime - System.nanoTime();
    return left <= 0 ? SHORTEST_WAIT : Duration.ofNanos(left);
  }
}
