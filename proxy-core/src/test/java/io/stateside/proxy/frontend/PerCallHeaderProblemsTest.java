package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http2.Http2Headers;
import io.stateside.proxy.testing.Bystanders;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawHttp2Connection;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Case 3 of issue 18: a problem with one call's headers fails that call, not its connection.
 * The limits are the defaults: 64 headers, 8 KiB of headers.
 */
class PerCallHeaderProblemsTest {

  private static ProxyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** Sends an Increase whose headers are edited as given, beside bystanders; returns the answer. */
  private static RawHttp2Connection.Answer callWith(String counterId, UnaryOperator<Http2Headers> edit) throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort())) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      RawHttp2Connection.Answer answer = connection
          .call(edit.apply(connection.grpcHeaders(CounterUserFunction.SERVICE, "Increase")),
              Bystanders.increase(counterId, 1))
          .awaitAnswer();
      bystanders.assertUnharmed();
      return answer;
    }
  }

  @Test
  void anUnknownMessageEncodingIsUnimplemented() throws Exception {
    RawHttp2Connection.Answer answer = callWith("snappy", headers -> headers.add("grpc-encoding", "snappy"));
    assertEquals("12", answer.grpcStatus(), "UNIMPLEMENTED: " + answer.grpcMessage());
  }

  @Test
  void aHeaderOverEightKilobytesIsResourceExhausted() throws Exception {
    RawHttp2Connection.Answer answer = callWith("big-header", headers -> headers.add("x-big", "v".repeat(9 * 1024)));
    assertEquals("8", answer.grpcStatus(), "RESOURCE_EXHAUSTED: " + answer.grpcMessage());
  }

  @Test
  void moreThanSixtyFourHeadersAreResourceExhausted() throws Exception {
    RawHttp2Connection.Answer answer = callWith("many-headers", headers -> {
      for (int i = 0; i < 70; i++) {
        headers.add("x-header-" + i, "v");
      }
      return headers;
    });
    assertEquals("8", answer.grpcStatus(), "RESOURCE_EXHAUSTED: " + answer.grpcMessage());
  }

  @Test
  void headersWithinTheLimitsReachTheEntity() throws Exception {
    RawHttp2Connection.Answer answer = callWith("fair-headers", headers -> {
      for (int i = 0; i < 50; i++) {
        headers.add("x-header-" + i, "v".repeat(100));
      }
      return headers;
    });
    assertEquals("0", answer.grpcStatus(), answer.grpcMessage());
  }

  @Test
  void theLargestGrpcTimeoutIsCappedNotAnOverflow() throws Exception {
    RawHttp2Connection.Answer answer = callWith("long-timeout", headers -> headers.add("grpc-timeout", "99999999H"));
    assertEquals("0", answer.grpcStatus(), answer.grpcMessage());
  }
}
