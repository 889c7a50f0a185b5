package io.stateside.javasupport;

import static io.stateside.javasupport.AccountEntity.balance;
import static io.stateside.javasupport.EntityStreamProbe.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stateside.javasupport.test.DepositRequest;
import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.MisbehaveRequest;
import io.stateside.javasupport.test.Misbehaviour;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An exception in user code fails only the command that raised it: the client gets a failure, the
 * events of that command are dropped, a log line says why, and the entity and every other entity
 * carry on.
 */
class UserCodeErrorsTest {

  private static final String ACCOUNTS = AccountEntity.SERVICE.getFullName();
  private static LoopbackUserFunction userFunction;

  private final Logger entityLog = (Logger) LoggerFactory.getLogger(LiveEntity.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  @BeforeEach
  void captureLog() {
    logged.start();
    entityLog.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    entityLog.detachAppender(logged);
  }

  /** An account holding 10, reached through its own stream. */
  private static EntityStreamProbe accountWithTen(String id) {
    EntityStreamProbe stream = userFunction.openStream().init(ACCOUNTS, id);
    stream.command("Deposit", DepositRequest.newBuilder().setAmount(10).build());
    return stream;
  }

  private static EventSourcedReply misbehave(EntityStreamProbe stream, Misbehaviour how) {
    return stream.command("Misbehave", MisbehaveRequest.newBuilder().setHow(how).build());
  }

  private static void assertBalance(EntityStreamProbe stream, long expected) {
    assertEquals(any(balance(expected)),
        stream.command("GetBalance", GetBalanceRequest.getDefaultInstance()).getClientAction().getReply().getPayload());
  }

  private void assertLoggedError(String message) {
    List<ILoggingEvent> events;
    synchronized (logged) { // the appender appends under this lock, on the server's threads
      events = new ArrayList<>(logged.list);
    }
    assertTrue(events.stream().anyMatch(event -> event.getLevel() == Level.ERROR
            && event.getThrowableProxy() != null
            && event.getThrowableProxy().getMessage().contains(message)),
        () -> "No error logged with '" + message + "' in " + events);
  }

  @Test
  void anExceptionInACommandHandlerBecomesAFailureForThatCommand() {
    EntityStreamProbe stream = accountWithTen("throwing-command");

    EventSourcedReply reply = misbehave(stream, Misbehaviour.THROW_IN_COMMAND_HANDLER);

    assertEquals("Unexpected error in Misbehave", reply.getClientAction().getFailure().getDescription());
    assertEquals(0, reply.getEventsCount());
    assertLoggedError("command handler failed on purpose");
    assertBalance(stream, 10);
  }

  @Test
  void anExceptionInAnEventHandlerDropsAllEventsOfTheCommand() {
    EntityStreamProbe stream = accountWithTen("throwing-event");

    EventSourcedReply reply = misbehave(stream, Misbehaviour.THROW_IN_EVENT_HANDLER);

    assertEquals("Unexpected error in Misbehave", reply.getClientAction().getFailure().getDescription());
    assertEquals(0, reply.getEventsCount());
    assertLoggedError("poisoned");
    // The deposit of 1 emitted before the poisoned event is not applied either.
    assertBalance(stream, 10);
  }

  @Test
  void anEventWithoutHandlerFailsTheCommand() {
    EntityStreamProbe stream = accountWithTen("unregistered-event");

    EventSourcedReply reply = misbehave(stream, Misbehaviour.EMIT_UNREGISTERED_EVENT);

    assertTrue(reply.getClientAction().hasFailure());
    assertEquals(0, reply.getEventsCount());
    assertLoggedError("No event handler for stateside.javasupport.test.NotAnEvent");
    assertBalance(stream, 10);
  }

  @Test
  void aFailingEntityDoesNotDisturbAnotherOne() {
    EntityStreamProbe failing = accountWithTen("failing-neighbour");
    EntityStreamProbe healthy = accountWithTen("healthy-neighbour");

    for (int i = 0; i < 3; i++) {
      misbehave(failing, Misbehaviour.THROW_IN_COMMAND_HANDLER);
      healthy.command("Deposit", DepositRequest.newBuilder().setAmount(1).build());
    }

    assertBalance(healthy, 13);
    assertBalance(failing, 10);
  }

  @Test
  void anUnknownCommandOrPayloadIsRefusedWithAClearDescription() {
    EntityStreamProbe stream = accountWithTen("confused-proxy");

    EventSourcedReply unknown = stream.command("Close", GetBalanceRequest.getDefaultInstance());
    EventSourcedReply wrongPayload = stream.command("Deposit", GetBalanceRequest.getDefaultInstance());

    assertEquals("stateside.javasupport.test.AccountService has no method Close",
        unknown.getClientAction().getFailure().getDescription());
    assertEquals("Deposit expects stateside.javasupport.test.DepositRequest, got "
            + "type.googleapis.com/stateside.javasupport.test.GetBalanceRequest",
        wrongPayload.getClientAction().getFailure().getDescription());
    assertBalance(stream, 10);
  }
}
