package io.stateside.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A stand-in for a server, run by the tests in a JVM of its own from the class files {@link
 * GuardClasses} copies (so it uses nothing but the JDK and the guard, and has no nested classes).
 * {@code args}: the port, then {@code serve} (guard, listen, say {@value #READY}), {@code mute}
 * (listen, never say it) or {@code fail} (say why, exit with code {@value #FAILURE_EXIT_CODE}).
 */
public final class FakeServer {

  static final String READY = "fake server accepting connections";
  static final String FAILURE = "fake server cannot start: its disk is full";
  static final int FAILURE_EXIT_CODE = 3;

  private FakeServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String mode = args[1];
    if (mode.equals("fail")) {
      System.out.println(FAILURE);
      System.exit(FAILURE_EXIT_CODE);
    }
    OrphanGuard.watchLauncher("fake server");
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      if (mode.equals("serve")) {
        System.out.println(READY);
      }
      while (true) {
        // a connection is all a readiness probe asks for
        server.accept().close();
      }
    }
  }
}
