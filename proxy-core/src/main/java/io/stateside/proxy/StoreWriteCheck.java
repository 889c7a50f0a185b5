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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.stateside.proxy.telemetry.ThrottledLog;
import org.slf4j.LoggerFactory;

/**
 * Writes a probe event to the configured journal and deletes it again, so that a proxy whose
 * store cannot be written (a read-only database, missing grants, a full disk, wrong
 * credentials) says so at start instead of serving calls that all fail. A store that is still
 * starting gets until the check's timeout.
 */
final class StoreWriteCheck extends AbstractPersistentActor {

  /** Events are stored as Any, so the probe needs no class of its own. */
  private static final Any PROBE = Any.newBuilder().setTypeUrl("type.googleapis.com/google.protobuf.Empty").build();

  private static final ThrottledLog retries =
      new ThrottledLog(LoggerFactory.getLogger(StoreWriteCheck.class), Duration.ofSeconds(10));

  /** Pause between attempts while the store is not writable yet (a database still starting). */
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final String persistenceId;
  private final CompletableFuture<Done> result;

  private StoreWriteCheck(String persistenceId, CompletableFuture<Done> result) {
    this.persistenceId = persistenceId;
    this.result = result;
  }

  /**
   * Completes when a probe event was written and deleted; tries again while that fails, and
   * fails with an explanation naming the journal and the last cause once {@code timeout} passed.
   */
  static CompletionStage<Done> run(ActorSystem system, String nodeName, Duration timeout) {
    String journal = system.settings().config().getString("akka.persistence.journal.plugin");
    CompletableFuture<Done> outcome = new CompletableFuture<>();
    tryOnce(system, "stateside-store-check|" + nodeName, System.nanoTime() + timeout.toNanos(), outcome);
    return outcome.handle((done, error) -> {
      if (error == null) {
        return done;
      }
      String problem = error instanceof TimeoutException
          ? "no answer within " + timeout
          : error.getClass().getSimpleName() + ": " + error.getMessage();
      throw new IllegalStateException("The journal (" + journal + ") cannot be written: " + problem, error);
    });
  }

  /** One probe; a failure with time left schedules the next one, all completing the same outcome. */
  private static void tryOnce(ActorSystem system, String persistenceId, long giveUpAt, CompletableFuture<Done> outcome) {
    CompletableFuture<Done> attempt = new CompletableFuture<>();
    system.actorOf(Props.create(StoreWriteCheck.class, () -> new StoreWriteCheck(persistenceId, attempt)),
        "store-write-check-" + UUID.randomUUID());
    attempt.orTimeout(Math.max(1, giveUpAt - System.nanoTime()), TimeUnit.NANOSECONDS).whenComplete((done, error) -> {
      if (error == null) {
        outcome.complete(done);
      } else if (giveUpAt - System.nanoTime() <= RETRY_INTERVAL.toNanos()) {
        // Out of time. Before that every failure is retried, timeouts of one attempt included:
        // a store that is starting, or a machine under load, times out a few attempts first.
        outcome.completeExceptionally(error);
      } else {
        retries.info("retry", "The journal cannot be written yet ({}); trying again", error.toString());
        system.scheduler().scheduleOnce(RETRY_INTERVAL, () -> tryOnce(system, persistenceId, giveUpAt, outcome),
            system.dispatcher());
      }
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

  /** Not logged here: the check's caller reports the outcome once. */
  @Override
  public void onPersistFailure(Throwable cause, Object event, long seqNr) {
    finish(cause);
  }

  @Override
  public void onPersistRejected(Throwable cause, Object event, long seqNr) {
    finish(cause);
  }

  @Override
  public void onRecoveryFailure(Throwable cause, scala.Option<Object> event) {
    finish(cause);
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
