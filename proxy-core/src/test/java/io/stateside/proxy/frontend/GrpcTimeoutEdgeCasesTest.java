package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.proxy.testing.Bystanders;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawHttp2Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Case 4 of issue 18: a deadline that has passed by the time the call is read is
 * DEADLINE_EXCEEDED without the entity being asked; a huge one is capped.
 */
class GrpcTimeoutEdgeCasesTest {

  private static ProxyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static RawHttp2Connection.Answer callWithTimeout(String counterId, String grpcTimeout) throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      RawHttp2Connection.Answer answer = connection
          .call(connection.grpcHeaders(CounterUserFunction.SERVICE, "Increase").add("grpc-timeout", grpcTimeout),
              Bystanders.increase(counterId, 1))
          .awaitAnswer();
      bystanders.assertUnharmed();
      return answer;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1n", "0n", "0m", "0H"})
  void anExpiredDeadlineIsDeadlineExceededWithoutAskingTheEntity(String grpcTimeout) throws Exception {
    String counterId = "expired-" + grpcTimeout;
    RawHttp2Connection.Answer answer = callWithTimeout(counterId, grpcTimeout);
    assertEquals("4", answer.grpcStatus(), "DEADLINE_EXCEEDED: " + answer.grpcMessage());
    assertTrue(fixture.userFunction().received(counterId).isEmpty(), "the entity was not asked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999S", "99999999M", "99999999H"})
  void aHugeDeadlineIsCapped(String grpcTimeout) throws Exception {
    RawHttp2Connection.Answer answer = callWithTimeout("huge-" + grpcTimeout, grpcTimeout);
    assertEquals("0", answer.grpcStatus(), answer.grpcMessage());
  }

  @org.junit.jupiter.api.Test
  void aBodyThatNeverArrivesEndsTheCallAtItsDeadline() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      // Headers only: the message never comes.
      RawHttp2Connection.Answer answer = connection
          .open(connection.grpcHeaders(CounterUserFunction.SERVICE, "Increase").add("grpc-timeout", "300m"), false)
          .awaitAnswer();
      assertEquals("4", answer.grpcStatus(), "DEADLINE_EXCEEDED: " + answer.grpcMessage() + ", reset " + answer.resetCode());
      bystanders.assertUnharmed();
    }
  }
}
