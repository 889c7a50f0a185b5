package io.stateside.javasupport;

import static io.stateside.javasupport.AccountEntity.balance;
import static io.stateside.javasupport.EntityStreamProbe.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.example.counter.CounterState;
import io.stateside.example.counter.GetRequest;
import io.stateside.javasupport.test.AccountSnapshot;
import io.stateside.javasupport.test.DepositRequest;
import io.stateside.javasupport.test.Deposited;
import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.TransferRequest;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Snapshots are taken every {@value AccountEntity#SNAPSHOT_EVERY} events and restore the state. */
class SnapshotTest {

  private static final String ACCOUNTS = AccountEntity.SERVICE.getFullName();
  private static LoopbackUserFunction userFunction;

  @BeforeAll
  static void start() throws Exception {
    userFunction = LoopbackUserFunction.start();
  }

  @AfterAll
  static void stop() throws Exception {
    userFunction.close();
  }

  private static EventSourcedReply deposit(EntityStreamProbe stream, long amount) {
    return stream.command("Deposit", DepositRequest.newBuilder().setAmount(amount).build());
  }

  @Test
  void aSnapshotOfTheNewStateComesWithTheEventThatReachesTheInterval() {
    EntityStreamProbe stream = userFunction.openStream().init(ACCOUNTS, "every-third");

    assertFalse(deposit(stream, 1).hasSnapshot());
    assertFalse(deposit(stream, 2).hasSnapshot());
    EventSourcedReply third = deposit(stream, 3);
    assertEquals(any(AccountSnapshot.newBuilder().setBalance(6).build()), third.getSnapshot());
    assertFalse(deposit(stream, 4).hasSnapshot());
  }

  @Test
  void noSnapshotIsTakenForARefusedCommand() {
    EntityStreamProbe stream = userFunction.openStream().init(ACCOUNTS, "refused");
    deposit(stream, 1);
    deposit(stream, 1);

    EventSourcedReply refused = deposit(stream, -5);

    assertTrue(refused.getClientAction().hasFailure());
    assertFalse(refused.hasSnapshot());
    assertTrue(deposit(stream, 1).hasSnapshot());
  }

  @Test
  void theStateIsRestoredFromASnapshotAndTheEventsAfterIt() {
    EntityStreamProbe stream = userFunction.openStream()
        .initFromSnapshot(ACCOUNTS, "restored", 6, AccountSnapshot.newBuilder().setBalance(100).build())
        .event(7, Deposited.newBuilder().setAmount(5).build());

    assertEquals(any(balance(105)),
        stream.command("GetBalance", GetBalanceRequest.getDefaultInstance()).getClientAction().getReply().getPayload());
    // Sequence 8 is not a multiple of 3; sequence 9 is.
    assertFalse(deposit(stream, 1).hasSnapshot());
    assertEquals(any(AccountSnapshot.newBuilder().setBalance(107).build()), deposit(stream, 1).getSnapshot());
  }

  @Test
  void aCommandWhoseEventsCrossTheIntervalGetsASnapshot() {
    EntityStreamProbe stream = userFunction.openStream()
        .initFromSnapshot(ACCOUNTS, "crossing", 2, AccountSnapshot.newBuilder().setBalance(50).build());

    // A transfer emits one event: 2 -> 3 crosses the interval.
    EventSourcedReply transfer = stream.command("Transfer",
        TransferRequest.newBuilder().setToAccountId("elsewhere").setAmount(20).build());

    assertEquals(any(AccountSnapshot.newBuilder().setBalance(30).build()), transfer.getSnapshot());
  }

  @Test
  void aSnapshotForAnEntityWithoutSnapshotsEndsTheStream() {
    EntityStreamProbe stream = userFunction.openStream()
        .initFromSnapshot(CounterEntity.SERVICE_NAME, "no-snapshots", 4, CounterState.newBuilder().setValue(4).build());

    EventSourcedStreamOut out = stream.next();

    assertTrue(out.hasFailure());
    assertEquals("Could not recover " + CounterEntity.SERVICE_NAME + " entity 'no-snapshots' "
        + "(see the user function's log)", out.getFailure().getDescription());
    stream.expectCompleted();
    // The entity type itself keeps working in a new stream.
    assertTrue(userFunction.openStream().init(CounterEntity.SERVICE_NAME, "no-snapshots")
        .command("Get", GetRequest.getDefaultInstance()).getClientAction().hasReply());
  }
}
