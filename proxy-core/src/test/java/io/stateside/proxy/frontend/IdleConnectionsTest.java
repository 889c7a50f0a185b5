package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.proxy.testing.Bystanders;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.LogCapture;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawHttp2Connection;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Case 5 of issue 18: connections that hold every slot and send nothing are closed after the
 * idle timeout, so the clients queued behind them get served, and the log says the limit was hit.
 */
class IdleConnectionsTest {

  private static final int MAX_CONNECTIONS = 8;
  private static final int GOOD_CLIENTS = 20;

  /** Reads what the server sends (its HTTP/2 settings, say) until it ends the connection. */
  private static boolean closedByServer(Socket socket) throws Exception {
    socket.setSoTimeout(30_000);
    try (socket; InputStream in = socket.getInputStream()) {
      while (in.read() >= 0) {
        // not closed yet
      }
      return true;
    } catch (SocketException reset) {
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    }
  }

  @Test
  void idleConnectionsAtTheLimitAreClosedAndEveryWaitingClientIsServed() throws Exception {
    try (ProxyFixture fixture = ProxyFixture.start(CounterUserFunction.Options.defaults(), Map.of(
            "akka.http.server.max-connections", MAX_CONNECTIONS,
            "akka.http.server.idle-timeout", "3s",
            "stateside.proxy.max-request-timeout", "2s"));
         LogCapture log = new LogCapture()) {
      int port = fixture.proxy().httpPort();
      List<Socket> idle = new ArrayList<>();
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        idle.add(socket);
      }
      ExecutorService clients = Executors.newFixedThreadPool(GOOD_CLIENTS);
      try {
        List<CompletableFuture<RawHttp2Connection.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < GOOD_CLIENTS; i++) {
          String counterId = "waiting-" + i;
          answers.add(CompletableFuture.supplyAsync(() -> {
            try (RawHttp2Connection connection = new RawHttp2Connection(port)) {
              return connection.call(connection.grpcHeaders(CounterUserFunction.SERVICE, "Increase"),
                  Bystanders.increase(counterId, 1)).awaitAnswer();
            }
          }, clients));
        }
        for (CompletableFuture<RawHttp2Connection.Answer> answer : answers) {
          assertEquals("0", answer.join().grpcStatus(), "every waiting client is served");
        }
      } finally {
        clients.shutdownNow();
      }
      for (Socket socket : idle) {
        assertTrue(closedByServer(socket), "the idle connection was closed");
      }
      List<String> limitLines = log.linesContaining("the limit (akka.http.server.max-connections)");
      assertFalse(limitLines.isEmpty(), "the log says the connection limit was reached");
      assertEquals(1, limitLines.size(), "said once a minute, not per connection: " + limitLines);
    }
  }
}
