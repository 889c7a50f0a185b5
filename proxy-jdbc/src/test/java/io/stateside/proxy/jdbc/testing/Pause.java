package io.stateside.proxy.jdbc.testing;

/** The pause between two polls of a condition (polling, never sleeping as synchronisation). */
public final class Pause {

  private Pause() {
  }

  public static void briefly() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
