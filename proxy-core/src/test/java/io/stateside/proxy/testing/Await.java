package io.stateside.proxy.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; generous limits keep tests steady on a loaded machine. */
public final class Await {

  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, Duration.ofSeconds(30), condition);
  }

  public static void until(String what, Duration limit, BooleanSupplier condition) {
    long giveUpAt = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > giveUpAt) {
        throw new AssertionError("gave up waiting until " + what + " after " + limit);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what);
      }
    }
  }
}
