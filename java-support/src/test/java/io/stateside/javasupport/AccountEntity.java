package io.stateside.javasupport;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Empty;
import io.stateside.javasupport.test.AccountProto;
import io.stateside.javasupport.test.AccountSnapshot;
import io.stateside.javasupport.test.AuditProto;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.Balance;
import io.stateside.javasupport.test.DepositRequest;
import io.stateside.javasupport.test.Deposited;
import io.stateside.javasupport.test.GetBalanceRequest;
import io.stateside.javasupport.test.MisbehaveRequest;
import io.stateside.javasupport.test.NotAnEvent;
import io.stateside.javasupport.test.Poisoned;
import io.stateside.javasupport.test.TransferRequest;
import io.stateside.javasupport.test.WithdrawRequest;
import io.stateside.javasupport.test.Withdrawn;
import java.time.Duration;

/** The test entity: a bank account whose balance (a {@code Long}) uses every kind of effect. */
final class AccountEntity {

  static final ServiceDescriptor SERVICE = AccountProto.getDescriptor().findServiceByName("AccountService");
  static final ServiceDescriptor AUDIT = AuditProto.getDescriptor().findServiceByName("AuditService");
  static final String PERSISTENCE_ID = "accounts";
  static final int SNAPSHOT_EVERY = 3;
  static final Duration PASSIVATION = Duration.ofMinutes(7);
  /** Deposits of at least this much are audited in the background. */
  static final long LARGE_DEPOSIT = 1000;

  private AccountEntity() {}

  static EventSourcedEntity<Long> definition() {
    return EventSourcedEntity.builder(SERVICE, PERSISTENCE_ID, 0L)
        .onCommand("Deposit", DepositRequest.class, Balance.class, AccountEntity::deposit)
        .onCommand("Withdraw", WithdrawRequest.class, Balance.class, AccountEntity::withdraw)
        .onCommand("Transfer", TransferRequest.class, Balance.class, AccountEntity::transfer)
        .onCommand("GetBalance", GetBalanceRequest.class, Balance.class,
            (balance, request, context) -> Effect.reply(balance(balance)))
        .onCommand("Misbehave", MisbehaveRequest.class, Empty.class, AccountEntity::misbehave)
        .onEvent(Deposited.class, (balance, event) -> balance + event.getAmount())
        .onEvent(Withdrawn.class, (balance, event) -> balance - event.getAmount())
        .onEvent(Poisoned.class, (balance, event) -> {
          throw new IllegalStateException("poisoned");
        })
        .snapshot(AccountSnapshot.class,
            balance -> AccountSnapshot.newBuilder().setBalance(balance).build(),
            AccountSnapshot::getBalance)
        .snapshotEvery(SNAPSHOT_EVERY)
        .passivationTimeout(PASSIVATION)
        .build();
  }

  static Balance balance(long amount) {
    return Balance.newBuilder().setAmount(amount).build();
  }

  private static Effect<Balance> deposit(Long balance, DepositRequest request, CommandContext context) {
    if (request.getAmount() <= 0) {
      return Effect.fail("A deposit must be positive");
    }
    Effect.Success<Balance> effect = Effect.emit(Deposited.newBuilder().setAmount(request.getAmount()).build())
        .thenReply(balance(balance + request.getAmount()));
    return request.getAmount() >= LARGE_DEPOSIT
        ? effect.withSideEffects(SideEffect.asynchronous(audit(context, "large deposit", request.getAmount())))
        : effect;
  }

  private static Effect<Balance> withdraw(Long balance, WithdrawRequest request, CommandContext context) {
    if (request.getAmount() > balance) {
      return Effect.fail("Insufficient funds: the balance is " + balance);
    }
    return Effect.emit(Withdrawn.newBuilder().setAmount(request.getAmount()).build())
        .thenReply(balance(balance - request.getAmount()));
  }

  /** Withdraws here, then hands the caller over to a deposit on the other account. */
  private static Effect<Balance> transfer(Long balance, TransferRequest request, CommandContext context) {
    if (request.getAmount() > balance) {
      return Effect.fail("Insufficient funds: the balance is " + balance);
    }
    ServiceCall deposit = ServiceCall.of(SERVICE, "Deposit", DepositRequest.newBuilder()
        .setAccountId(request.getToAccountId()).setAmount(request.getAmount()).build());
    return Effect.emit(Withdrawn.newBuilder().setAmount(request.getAmount()).build())
        .<Balance>thenForward(deposit)
        .withSideEffects(SideEffect.synchronous(audit(context, "transfer", request.getAmount())));
  }

  private static Effect<Empty> misbehave(Long balance, MisbehaveRequest request, CommandContext context) {
    Deposited one = Deposited.newBuilder().setAmount(1).build();
    return switch (request.getHow()) {
      case THROW_IN_COMMAND_HANDLER -> throw new IllegalStateException("command handler failed on purpose");
      case THROW_IN_EVENT_HANDLER -> Effect.emit(one, Poisoned.getDefaultInstance()).thenReply(Empty.getDefaultInstance());
      case EMIT_UNREGISTERED_EVENT -> Effect.emit(one, NotAnEvent.getDefaultInstance()).thenReply(Empty.getDefaultInstance());
      case UNRECOGNIZED -> Effect.fail("Unknown misbehaviour");
    };
  }

  private static ServiceCall audit(CommandContext context, String action, long amount) {
    return ServiceCall.of(AUDIT, "Record", AuditRecord.newBuilder()
        .setAccountId(context.entityId()).setAction(action).setAmount(amount).build());
  }
}
