package io.stateside.javasupport;

import static io.stateside.javasupport.AccountEntity.balance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.DepositRequest;
import io.stateside.javasupport.test.Deposited;
import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.MisbehaveRequest;
import io.stateside.javasupport.test.TransferRequest;
import io.stateside.javasupport.test.WithdrawRequest;
import io.stateside.javasupport.test.Withdrawn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The event-sourced test kit shows events, state, reply, forward and failures without a proxy. */
class EventSourcedTestKitTest {

  private static DepositRequest deposit(long amount) {
    return DepositRequest.newBuilder().setAmount(amount).build();
  }

  @Test
  void eventsAreShownAndFoldedIntoTheState() {
    EventSourcedTestKit<Long> kit = EventSourcedTestKit.of(AccountEntity.definition(), "a1");

    EventSourcedTestKit.Result result = kit.handle("Deposit", deposit(40));

    assertEquals(new EventSourcedTestKit.Result(Optional.of(balance(40)), Optional.empty(), List.of(),
        List.of(Deposited.newBuilder().setAmount(40).build()), false, Optional.empty()), result);
    assertEquals(40L, kit.state());
  }

  @Test
  void anEntityCanBeRecoveredFromStoredEventsAndSnapshotsAreReported() {
    EventSourcedTestKit<Long> kit = EventSourcedTestKit.of(AccountEntity.definition(), "a2",
        List.of(Deposited.newBuilder().setAmount(10).build(), Withdrawn.newBuilder().setAmount(3).build()));
    assertEquals(7L, kit.state());

    // The third event passes the snapshot interval of 3.
    assertTrue(kit.handle("Deposit", deposit(1)).snapshotTaken());
    assertEquals(Optional.of(balance(8)), kit.handle("GetBalance", GetBalanceRequest.getDefaultInstance()).reply());
  }

  @Test
  void aForwardAndItsSideEffectAreShown() {
    EventSourcedTestKit<Long> kit = EventSourcedTestKit.of(AccountEntity.definition(), "a3", List.of(
        Deposited.newBuilder().setAmount(10).build()));

    EventSourcedTestKit.Result result = kit.handle("Transfer",
        TransferRequest.newBuilder().setToAccountId("a4").setAmount(6).build());

    assertEquals(Optional.of(ServiceCall.of(AccountEntity.SERVICE, "Deposit",
        DepositRequest.newBuilder().setAccountId("a4").setAmount(6).build())), result.forward());
    assertEquals(List.of(SideEffect.synchronous(ServiceCall.of(AccountEntity.AUDIT, "Record",
        AuditRecord.newBuilder().setAccountId("a3").setAction("transfer").setAmount(6).build()))), result.sideEffects());
    assertEquals(4L, kit.state());
  }

  @Test
  void failuresAndExceptionsKeepNoEvents() {
    EventSourcedTestKit<Long> kit = EventSourcedTestKit.of(AccountEntity.definition());

    assertEquals(Optional.of("Insufficient funds: the balance is 0"),
        kit.handle("Withdraw", WithdrawRequest.newBuilder().setAmount(1).build()).failure());
    EventSourcedTestKit.Result threw = kit.handle("Misbehave",
        MisbehaveRequest.newBuilder().setHow(io.stateside.javasupport.test.Misbehaviour.THROW_IN_EVENT_HANDLER).build());
    assertEquals(Optional.of("Unexpected error in Misbehave"), threw.failure());
    assertEquals(List.of(), threw.events());
    assertEquals(0L, kit.state());
  }

  @Test
  void jsonEventsAreShownEncodedAndFoldedIntoTheState() {
    EventSourcedTestKit<Integer> notes = EventSourcedTestKit.of(EventingModel.notes(), "n1",
        List.of(EventingModel.NOTE.encode(new EventingModel.Note("stored", 1, "x"))));

    EventSourcedTestKit.Result result = notes.handle("EmitJsonEvent",
        io.stateside.tck.model.eventlogeventing.JsonEvent.newBuilder().setMessage("next").build(),
        CloudEvent.of("1", "s", "t").withSubject("cart-2").toMetadata());

    assertEquals(List.of(EventingModel.NOTE.encode(new EventingModel.Note("next", 2, "cart-2"))), result.events());
    assertEquals(2, notes.state());
  }
}
