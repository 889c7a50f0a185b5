package io.stateside.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether a server's port takes connections yet. */
final class PortProbe {

  private static final int CONNECT_TIMEOUT_MILLIS = 1000;

  private PortProbe() {}

  static boolean acceptsConnections(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
