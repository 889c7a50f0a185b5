package io.stateside.tck.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Free ports for launched implementations, and waiting until they listen. */
final class Ports {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private Ports() {}

  /** A port that was free a moment ago, for a process that must be told its port up front. */
  static int free(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Polls until something listens on the port. A process the TCK launched gives no other sign of
   * being ready, so polling is the only way to know.
   *
   * @param alive false once waiting is pointless (the launched process exited)
   * @throws IllegalStateException if nothing listens in time or the process died
   */
  static void awaitListening(String what, String host, int port, Duration limit, BooleanSupplier alive)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!listening(host, port)) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(what + " exited before listening on " + host + ":" + port);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " is not listening on " + host + ":" + port + " after " + limit);
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }
}
