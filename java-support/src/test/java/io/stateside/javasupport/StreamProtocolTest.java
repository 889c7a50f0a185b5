package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.Poisoned;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages out of protocol order end that entity's stream with a stream-level failure. */
class StreamProtocolTest {

  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  private static void assertEndsWith(EntityStreamProbe stream, long commandId, String description) {
    EventSourcedStreamOut out = stream.next();
    assertTrue(out.hasFailure(), () -> "Expected a failure, got " + out);
    assertEquals(commandId, out.getFailure().getCommandId());
    assertEquals(description, out.getFailure().getDescription());
    stream.expectCompleted();
  }

  @Test
  void aCommandBeforeInitEndsTheStream() {
    EntityStreamProbe stream = userFunction.openStream();
    long id = stream.sendCommand("GetBalance", EntityStreamProbe.any(GetBalanceRequest.getDefaultInstance()));

    assertEndsWith(stream, id, "Received command GetBalance before init");
  }

  @Test
  void anInitForAnUnknownServiceEndsTheStream() {
    EntityStreamProbe stream = userFunction.openStream().init("shop.Unknown", "x");

    EventSourcedStreamOut out = stream.next();
    assertTrue(out.getFailure().getDescription().startsWith(
        "This user function has no event-sourced entity for service shop.Unknown"), out.toString());
    stream.expectCompleted();
  }

  @Test
  void aStoredEventThatCannotBeAppliedEndsTheStream() {
    EntityStreamProbe stream = userFunction.openStream()
        .init(AccountEntity.SERVICE.getFullName(), "unrecoverable")
        .event(1, Poisoned.getDefaultInstance());

    assertEndsWith(stream, 0, "Could not recover stateside.javasupport.test.AccountService entity "
        + "'unrecoverable' (see the user function's log)");
  }

  @Test
  void aSecondInitEndsTheStream() {
    EntityStreamProbe stream = userFunction.openStream().init(CounterEntity.SERVICE_NAME, "twice")
        .init(CounterEntity.SERVICE_NAME, "twice");

    assertEndsWith(stream, 0, "Received a second init for " + CounterEntity.SERVICE_NAME + " entity 'twice'");
  }
}
