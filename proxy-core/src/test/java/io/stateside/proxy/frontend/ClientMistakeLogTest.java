package io.stateside.proxy.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.stateside.proxy.testing.Bystanders;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.LogCapture;
import io.stateside.proxy.testing.ProxyFixture;
import io.stateside.proxy.testing.RawHttp2Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Case 6 of issue 18: client mistakes and cancellations by the thousand leave a few log lines,
 * not one (with a stack trace) per request.
 */
class ClientMistakeLogTest {

  private static final int FLOOD = 1_000;
  /** A line or two per kind of mistake per interval; far below one per request. */
  private static final int MOST_LINES = 10;

  private static ProxyFixture fixture;

  @BeforeAll
  static void start() {
    fixture = ProxyFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static String describe(List<ILoggingEvent> lines) {
    return lines.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void lyingLengthPrefixesAreInvalidArgumentAndLoggedAFewTimes() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort());
         LogCapture log = new LogCapture()) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      byte[] lie = RawHttp2Connection.prefixed(1_000, Bystanders.increase("liar", 1));
      List<RawHttp2Connection.Stream> calls = new ArrayList<>();
      for (int i = 0; i < FLOOD; i++) {
        calls.add(connection.open(connection.grpcHeaders(CounterUserFunction.SERVICE, "Increase"), false).data(lie, true));
        if (calls.size() == 100) {
          // Stay below the connection's 256 concurrent streams.
          calls.forEach(call -> assertEquals("3", call.awaitAnswer().grpcStatus(), "INVALID_ARGUMENT"));
          calls.clear();
        }
      }
      bystanders.assertUnharmed();
      List<ILoggingEvent> lines = log.linesAtInfoOrAbove();
      assertTrue(lines.size() <= MOST_LINES, lines.size() + " lines:\n" + describe(lines));
    }
  }

  @Test
  void streamsResetRightAfterTheirRequestLeaveAFewLines() throws Exception {
    try (RawHttp2Connection connection = new RawHttp2Connection(fixture.proxy().httpPort());
         LogCapture log = new LogCapture()) {
      Bystanders bystanders = new Bystanders(connection, fixture.proxy().httpPort()).arrive();
      for (int i = 0; i < FLOOD; i++) {
        RawHttp2Connection.Stream stream = connection.open(connection.grpcHeaders(CounterUserFunction.SERVICE, "Increase"), false);
        if (i % 2 == 0) {
          // Half of them reset with the whole request sent, so that the entity's answer finds no one.
          stream.data(RawHttp2Connection.grpcMessage(Bystanders.increase("reset-" + (i % 20), 1)), false);
        }
        stream.reset();
      }
      bystanders.assertUnharmed();
      List<ILoggingEvent> lines = log.linesAtInfoOrAbove();
      assertTrue(lines.size() <= MOST_LINES, lines.size() + " lines:\n" + describe(lines));
    }
  }
}
