package io.stateside.tck.passivation;

import io.stateside.tck.interceptor.RecordedStream;
import io.stateside.tck.scenario.Expect;
import java.time.Duration;

/** What a passivated entity's stream must look like, whatever the entity type. */
public final class Passivation {

  /**
   * Clock tolerance for "not before the timeout": the interceptor and the proxy read different
   * clocks and timers may round.
   */
  private static final Duration TOLERANCE = Duration.ofMillis(50);

  private Passivation() {}

  /**
   * Expects the proxy to have ended the stream itself, and no earlier than {@code timeout} after
   * {@code sentNanos}, when the client sent the entity its last command.
   */
  public static void expectPassivated(RecordedStream.Closure closure, long sentNanos, Duration timeout) {
    Expect.that(closure.closedByProxy(), "the stream was not ended by the proxy: proxy side " + closure.proxySide()
        + ", user function side " + closure.userFunctionSide());
    Duration idle = Duration.ofNanos(closure.proxySide().atNanos() - sentNanos);
    Expect.that(idle.plus(TOLERANCE).compareTo(timeout) >= 0, "the proxy passivated the entity after "
        + idle.toMillis() + " ms, before its passivation timeout of " + timeout.toMillis() + " ms");
  }
}
