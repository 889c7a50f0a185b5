package io.stateside.proxy.jdbc.testing;

/** A database whose server process a test can take away and bring back, keeping its data. */
public interface StoppableDatabase extends TestDatabase {

  /** Ends the server process; clients get connection errors until {@link #start()}. */
  void stop();

  /** Starts the server again on the same address with the same data, and waits until it answers. */
  void start();
}
