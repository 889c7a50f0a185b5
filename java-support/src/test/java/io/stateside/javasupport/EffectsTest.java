package io.stateside.javasupport;

import static io.stateside.javasupport.AccountEntity.balance;
import static io.stateside.javasupport.EntityStreamProbe.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.DepositRequest;
import io.stateside.javasupport.test.Deposited;
import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.TransferRequest;
import io.stateside.javasupport.test.WithdrawRequest;
import io.stateside.javasupport.test.Withdrawn;
import io.stateside.protocol.Forward;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kind of effect, as the proxy sees it on the wire. */
class EffectsTest {

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

  private static EntityStreamProbe account(String id) {
    return userFunction.openStream().init(ACCOUNTS, id);
  }

  @Test
  void aReplyWithoutEventsLeavesNothingToStore() {
    EventSourcedReply reply = account("reply-only").command("GetBalance", GetBalanceRequest.getDefaultInstance());

    assertEquals(any(balance(0)), reply.getClientAction().getReply().getPayload());
    assertEquals(0, reply.getEventsCount());
    assertFalse(reply.hasSnapshot());
    assertEquals(0, reply.getSideEffectsCount());
  }

  @Test
  void emittedEventsAreSentWithTheReplyAndChangeTheState() {
    EntityStreamProbe stream = account("emit");

    EventSourcedReply deposit = stream.command("Deposit", DepositRequest.newBuilder().setAmount(40).build());
    assertEquals(List.of(any(Deposited.newBuilder().setAmount(40).build())), deposit.getEventsList());
    assertEquals(any(balance(40)), deposit.getClientAction().getReply().getPayload());

    EventSourcedReply withdraw = stream.command("Withdraw", WithdrawRequest.newBuilder().setAmount(15).build());
    assertEquals(List.of(any(Withdrawn.newBuilder().setAmount(15).build())), withdraw.getEventsList());

    assertEquals(any(balance(25)),
        stream.command("GetBalance", GetBalanceRequest.getDefaultInstance()).getClientAction().getReply().getPayload());
  }

  @Test
  void aFailureCarriesTheDescriptionAndNoEvents() {
    EntityStreamProbe stream = account("fail");
    stream.command("Deposit", DepositRequest.newBuilder().setAmount(10).build());

    EventSourcedReply refused = stream.command("Withdraw", WithdrawRequest.newBuilder().setAmount(11).build());

    assertTrue(refused.getClientAction().hasFailure());
    assertEquals("Insufficient funds: the balance is 10", refused.getClientAction().getFailure().getDescription());
    assertEquals(refused.getCommandId(), refused.getClientAction().getFailure().getCommandId());
    assertEquals(0, refused.getEventsCount());
    assertEquals(any(balance(10)),
        stream.command("GetBalance", GetBalanceRequest.getDefaultInstance()).getClientAction().getReply().getPayload());
  }

  @Test
  void aForwardNamesTheTargetMethodAndKeepsTheEventsAndASynchronousSideEffect() {
    EntityStreamProbe stream = account("forward");
    stream.command("Deposit", DepositRequest.newBuilder().setAmount(100).build());

    EventSourcedReply transfer = stream.command("Transfer",
        TransferRequest.newBuilder().setToAccountId("other").setAmount(30).build());

    assertEquals(Forward.newBuilder()
            .setServiceName(ACCOUNTS)
            .setCommandName("Deposit")
            .setPayload(any(DepositRequest.newBuilder().setAccountId("other").setAmount(30).build()))
            .build(),
        transfer.getClientAction().getForward());
    assertEquals(List.of(any(Withdrawn.newBuilder().setAmount(30).build())), transfer.getEventsList());
    assertEquals(List.of(SideEffect.newBuilder()
            .setServiceName(AccountEntity.AUDIT.getFullName())
            .setCommandName("Record")
            .setPayload(any(AuditRecord.newBuilder().setAccountId("forward").setAction("transfer").setAmount(30).build()))
            .setSynchronous(true)
            .build()),
        transfer.getSideEffectsList());
  }

  @Test
  void anAsynchronousSideEffectIsMarkedSo() {
    EventSourcedReply deposit = account("async")
        .command("Deposit", DepositRequest.newBuilder().setAmount(AccountEntity.LARGE_DEPOSIT).build());

    assertEquals(1, deposit.getSideEffectsCount());
    assertFalse(deposit.getSideEffects(0).getSynchronous());
    assertEquals(any(balance(AccountEntity.LARGE_DEPOSIT)), deposit.getClientAction().getReply().getPayload());
  }

  @Test
  void eventsReplayedAtRecoveryRebuildTheState() {
    EntityStreamProbe stream = userFunction.openStream().init(ACCOUNTS, "replayed")
        .event(1, Deposited.newBuilder().setAmount(7).build())
        .event(2, Deposited.newBuilder().setAmount(5).build())
        .event(3, Withdrawn.newBuilder().setAmount(2).build());

    assertEquals(any(balance(10)),
        stream.command("GetBalance", GetBalanceRequest.getDefaultInstance()).getClientAction().getReply().getPayload());
  }

  @Test
  void theStreamEndsWhenTheProxyClosesIt() {
    EntityStreamProbe stream = account("closed");
    stream.command("GetBalance", GetBalanceRequest.getDefaultInstance());
    stream.close();
  }
}
