package io.stateside.proxy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.IncreaseRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Well-formed calls around a bad one, to show that the bad call hurt nobody else: one call is
 * opened on the bad caller's connection before the bad call and finished after it, and one
 * more is made on a connection of its own.
 */
public final class Bystanders {

  private static final AtomicInteger counters = new AtomicInteger();

  private final RawHttp2Connection shared;
  private final int proxyPort;
  private final String counterId = "bystander-" + counters.incrementAndGet();
  private RawHttp2Connection.Stream waiting;

  public Bystanders(RawHttp2Connection shared, int proxyPort) {
    this.shared = shared;
    this.proxyPort = proxyPort;
  }

  public static byte[] increase(String counterId, long by) {
    return IncreaseRequest.newBuilder().setCounterId(counterId).setBy(by).build().toByteArray();
  }

  /** Opens the call on the shared connection: its headers go now, its message in {@link #assertUnharmed}. */
  public Bystanders arrive() {
    waiting = shared.open(shared.grpcHeaders(CounterUserFunction.SERVICE, "Increase"), false);
    return this;
  }

  /** The waiting call and a call on another connection both succeed, and nobody got a GOAWAY. */
  public void assertUnharmed() throws Exception {
    waiting.data(RawHttp2Connection.grpcMessage(increase(counterId, 1)), true);
    assertSucceeded(waiting.awaitAnswer(), "call on the bad caller's connection");
    try (RawHttp2Connection other = new RawHttp2Connection(proxyPort)) {
      RawHttp2Connection.Answer answer = other
          .call(other.grpcHeaders(CounterUserFunction.SERVICE, "Increase"), increase(counterId + "-other", 1))
          .awaitAnswer();
      assertSucceeded(answer, "call on another connection");
      assertNull(other.goAway(), "GOAWAY on the other connection");
    }
    assertNull(shared.goAway(), "GOAWAY on the bad caller's connection");
    assertTrue(shared.isOpen(), "the bad caller's connection is still open");
  }

  private static void assertSucceeded(RawHttp2Connection.Answer answer, String what) throws Exception {
    assertEquals("0", answer.grpcStatus(), what + ": " + answer.grpcMessage());
    assertEquals(1, CounterValue.parseFrom(java.util.Arrays.copyOfRange(answer.body(), 5, answer.body().length)).getValue(), what);
  }
}
