package io.stateside.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds TCP ports nobody listens on, so that parallel test suites never collide. */
public final class FreePorts {

  private FreePorts() {}

  /** Returns {@code count} distinct free ports on {@code host}; all are held open until all are found. */
  public static int[] pick(String host, int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      InetAddress address = InetAddress.getByName(host);
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, address);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + host, e);
    } finally {
      for (ServerSocket socket : sockets) {
        closeQuietly(socket);
      }
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // the port is released either way
    }
  }
}
