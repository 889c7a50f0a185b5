package io.stateside.proxy;

import akka.Done;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.persistence.AbstractPersistentActor;
import akka.persistence.DeleteMessagesFailure;
import akka.persistence.DeleteMessagesSuccess;
import akka.persistence.RecoveryCompleted;
import com.google.protobuf.Any;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Writes a probe event to the configured journal and deletes it again, so that a proxy whose
 * store cannot be written (a read-only database, missing grants, a full disk) says so at
 * start instead of serving calls that all fail.
 */
final class StoreWriteCheck extends AbstractPersistentActor {

  /** Events are stored as Any, so the probe needs no class of its own. */
  private static final Any PROBE = Any.newBuilder().setTypeUrl("type.googleapis.com/google.protobuf.Empty").build();

  private final String persistenceId;
  private final CompletableFuture<Done> result;

  private StoreWriteCheck(String persistenceId, CompletableFuture<Done> result) {
    this.persistenceId = persistenceId;
    this.result = result;
  }

  /**
   * Completes when a probe event was written and deleted; fails with an explanation naming the
   * journal when that failed or took longer than {@code timeout}.
   */
  static CompletionStage<Done> run(ActorSystem system, String nodeName, Duration timeout) {
    String journal = system.settings().config().getString("akka.persistence.journal.plugin");
    CompletableFuture<Done> result = new CompletableFuture<>();
    system.actorOf(Props.create(StoreWriteCheck.class,
        () -> new StoreWriteCheck("stateside-store-check|" + nodeName, result)), "store-write-check-" + UUID.randomUUID());
    return result
        .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .handle((done, error) -> {
          if (error == null) {
            return done;
          }
          String problem = error instanceof TimeoutException
              ? "did not answer within " + timeout
              : String.valueOf(error.getMessage());
          throw new IllegalStateException("The journal (" + journal + ") cannot be written: " + problem, error);
        });
  }

  @Override
  public String persistenceId() {
    return persistenceId;
  }

  @Override
  public Receive createReceiveRecover() {
    return receiveBuilder()
        .match(RecoveryCompleted.class, done -> persist(PROBE, event -> deleteMessages(lastSequenceNr())))
        .matchAny(event -> {})
        .build();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(DeleteMessagesSuccess.class, deleted -> finish(null))
        .match(DeleteMessagesFailure.class, failed -> finish(failed.cause()))
        .build();
  }

  @Override
  public void onPersistFailure(Throwable cause, Object event, long seqNr) {
    result.completeExceptionally(cause);
    super.onPersistFailure(cause, event, seqNr);
  }

  @Override
  public void onPersistRejected(Throwable cause, Object event, long seqNr) {
    finish(cause);
  }

  @Override
  public void onRecoveryFailure(Throwable cause, scala.Option<Object> event) {
    result.completeExceptionally(cause);
    super.onRecoveryFailure(cause, event);
  }

  private void finish(Throwable failure) {
    if (failure == null) {
      result.complete(Done.getInstance());
    } else {
      result.completeExceptionally(failure);
    }
    getContext().stop(getSelf());
  }
}
