package io.stateside.javasupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Empty;
import io.stateside.javasupport.test.AccountSnapshot;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.Balance;
import io.stateside.javasupport.test.DepositRequest;
import io.stateside.javasupport.test.Deposited;
import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.WithdrawRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes in an entity definition are caught when it is built, with a message saying what is wrong. */
class EntityDefinitionTest {

  private static EventSourcedEntity.Builder<Long> accounts() {
    return EventSourcedEntity.builder(AccountEntity.SERVICE, "accounts", 0L);
  }

  private static Effect<Balance> noop(Long state, DepositRequest command, CommandContext context) {
    return Effect.reply(Balance.getDefaultInstance());
  }

  @Test
  void everyServiceMethodNeedsAHandler() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> accounts().onCommand("Deposit", DepositRequest.class, Balance.class, EntityDefinitionTest::noop).build());
    assertEquals("No command handler for Withdraw, Transfer, GetBalance, Misbehave of "
        + "stateside.javasupport.test.AccountService", e.getMessage());
  }

  @Test
  void aHandlerMustNameAnExistingMethodWithItsRequestAndReplyTypes() {
    assertEquals("stateside.javasupport.test.AccountService has no method Depositt; it has "
            + "Deposit, Withdraw, Transfer, GetBalance, Misbehave",
        assertThrows(IllegalArgumentException.class, () -> accounts()
            .onCommand("Depositt", DepositRequest.class, Balance.class, EntityDefinitionTest::noop)).getMessage());
    assertEquals("Withdraw takes stateside.javasupport.test.WithdrawRequest, not stateside.javasupport.test.DepositRequest",
        assertThrows(IllegalArgumentException.class, () -> accounts()
            .onCommand("Withdraw", DepositRequest.class, Balance.class, EntityDefinitionTest::noop)).getMessage());
    assertEquals("GetBalance returns stateside.javasupport.test.Balance, not google.protobuf.Empty",
        assertThrows(IllegalArgumentException.class, () -> accounts()
            .onCommand("GetBalance", GetBalanceRequest.class, Empty.class,
                (state, command, context) -> Effect.reply(Empty.getDefaultInstance()))).getMessage());
  }

  @Test
  void aMethodOrEventTypeHasOneHandler() {
    assertThrows(IllegalArgumentException.class, () -> accounts()
        .onCommand("Deposit", DepositRequest.class, Balance.class, EntityDefinitionTest::noop)
        .onCommand("Deposit", DepositRequest.class, Balance.class, EntityDefinitionTest::noop));
    assertThrows(IllegalArgumentException.class, () -> accounts()
        .onEvent(Deposited.class, (state, event) -> state)
        .onEvent(Deposited.class, (state, event) -> state));
  }

  @Test
  void snapshotsNeedBothACodecAndAnInterval() {
    EventSourcedEntity.Builder<Long> onlyInterval = AccountEntityParts.allCommands(accounts()).snapshotEvery(10);
    assertThrows(IllegalStateException.class, onlyInterval::build);

    EventSourcedEntity.Builder<Long> onlyCodec = AccountEntityParts.allCommands(accounts())
        .snapshot(AccountSnapshot.class, balance -> AccountSnapshot.getDefaultInstance(), AccountSnapshot::getBalance);
    assertThrows(IllegalStateException.class, onlyCodec::build);

    assertThrows(IllegalArgumentException.class, () -> accounts().snapshotEvery(0));
  }

  @Test
  void thePassivationTimeoutAndPersistenceIdAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> accounts().passivationTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> EventSourcedEntity.builder(AccountEntity.SERVICE, " ", 0L));
    assertEquals(Duration.ofSeconds(3),
        AccountEntityParts.allCommands(accounts()).passivationTimeout(Duration.ofSeconds(3)).build()
            .passivationTimeout().orElseThrow());
  }

  @Test
  void aServiceCallIsCheckedAgainstTheServiceDescriptor() {
    assertEquals("stateside.javasupport.test.AuditService.Record takes stateside.javasupport.test.AuditRecord, "
            + "not stateside.javasupport.test.Balance",
        assertThrows(IllegalArgumentException.class,
            () -> ServiceCall.of(AccountEntity.AUDIT, "Record", Balance.getDefaultInstance())).getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ServiceCall.of(AccountEntity.AUDIT, "Erase", AuditRecord.getDefaultInstance()));
    assertEquals("stateside.javasupport.test.AuditService.Record",
        ServiceCall.of(AccountEntity.AUDIT, "Record", AuditRecord.getDefaultInstance()).toString());
  }

  @Test
  void aUserFunctionServesEachServiceOnceAndAtLeastOne() {
    assertThrows(IllegalStateException.class, () -> UserFunction.builder().build());
    assertThrows(IllegalArgumentException.class,
        () -> UserFunction.builder().register(AccountEntity.definition()).register(AccountEntity.definition()));
  }

  @Test
  void effectsCanBeInspectedInUnitTestsOfHandlers() {
    Effect.Success<Balance> effect = Effect.emit(Deposited.newBuilder().setAmount(5).build())
        .thenReply(AccountEntity.balance(5))
        .withSideEffects(SideEffect.asynchronous(ServiceCall.of(AccountEntity.AUDIT, "Record", AuditRecord.getDefaultInstance())));

    assertEquals(List.of(Deposited.newBuilder().setAmount(5).build()), effect.events());
    assertEquals(AccountEntity.balance(5), effect.replyMessage().orElseThrow());
    assertEquals(1, effect.sideEffects().size());
    assertEquals("Not today", Effect.<Balance>fail("Not today").description());
  }

  /** Handlers for every account method, so that a test can focus on one other part. */
  private static final class AccountEntityParts {
    static EventSourcedEntity.Builder<Long> allCommands(EventSourcedEntity.Builder<Long> builder) {
      CommandHandler<Long, WithdrawRequest, Balance> withdraw = (s, c, x) -> Effect.reply(Balance.getDefaultInstance());
      return builder
          .onCommand("Deposit", DepositRequest.class, Balance.class, EntityDefinitionTest::noop)
          .onCommand("Withdraw", WithdrawRequest.class, Balance.class, withdraw)
          .onCommand("Transfer", io.stateside.javasupport.test.TransferRequest.class, Balance.class,
              (s, c, x) -> Effect.reply(Balance.getDefaultInstance()))
          .onCommand("GetBalance", GetBalanceRequest.class, Balance.class,
              (s, c, x) -> Effect.reply(Balance.getDefaultInstance()))
          .onCommand("Misbehave", io.stateside.javasupport.test.MisbehaveRequest.class, Empty.class,
              (s, c, x) -> Effect.reply(Empty.getDefaultInstance()));
    }
  }
}
