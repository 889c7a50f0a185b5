package io.stateside.proxy.eventsourced;

import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.persistence.AbstractPersistentActor;
import akka.persistence.RecoveryCompleted;
import akka.persistence.SaveSnapshotFailure;
import akka.persistence.SaveSnapshotSuccess;
import akka.persistence.SnapshotOffer;
import akka.persistence.journal.Tagged;
import com.google.protobuf.Any;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal side of one event-sourced entity: replays the stored snapshot and events to the
 * entity's user function stream, then stores what the entity asks it to. It is a child of
 * {@link EventSourcedEntity}, so that a failing store stops only this actor and the entity can
 * answer every waiting caller.
 */
final class EntityJournal extends AbstractPersistentActor {

  private static final Logger log = LoggerFactory.getLogger(EntityJournal.class);

  /** Replayed state on its way to the user function, in order. */
  interface ReplaySink {
    void snapshot(long sequenceNr, Any snapshot);

    void event(long sequenceNr, Any event);
  }

  /** Store these events, tagged, then this snapshot if present. */
  record Persist(List<Any> events, Optional<Any> snapshot) implements NoSerializationVerificationNeeded {}

  /** The last {@link Persist} is durable. */
  record Persisted(long lastSequenceNr) implements NoSerializationVerificationNeeded {}

  /** Replay is over; the user function has everything. */
  record Recovered(long lastSequenceNr) implements NoSerializationVerificationNeeded {}

  /** The store failed; the journal stops right after saying so. */
  record JournalFailed(String reason) implements NoSerializationVerificationNeeded {}

  private final String persistenceId;
  private final Set<String> tags;
  private final ReplaySink replay;

  private EntityJournal(String persistenceId, String tag, ReplaySink replay) {
    this.persistenceId = persistenceId;
    this.tags = Set.of(tag);
    this.replay = replay;
  }

  static Props props(String persistenceId, String tag, ReplaySink replay) {
    return Props.create(EntityJournal.class, () -> new EntityJournal(persistenceId, tag, replay));
  }

  @Override
  public String persistenceId() {
    return persistenceId;
  }

  @Override
  public Receive createReceiveRecover() {
    return receiveBuilder()
        .match(SnapshotOffer.class, offer -> replay.snapshot(offer.metadata().sequenceNr(), (Any) offer.snapshot()))
        .match(Any.class, event -> replay.event(lastSequenceNr(), event))
        .match(RecoveryCompleted.class, done -> parent().tell(new Recovered(lastSequenceNr()), self()))
        .build();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Persist.class, this::persist)
        .match(SaveSnapshotSuccess.class, ok -> {})
        .match(SaveSnapshotFailure.class, failed -> log.warn("Snapshot of {} at {} not saved; replay will be longer",
            persistenceId, failed.metadata().sequenceNr(), failed.cause()))
        .build();
  }

  private void persist(Persist request) {
    List<Tagged> tagged = request.events().stream().map(event -> new Tagged(event, tags)).toList();
    persistAll(tagged, stored -> {});
    defer(request, done -> {
      done.snapshot().ifPresent(this::saveSnapshot);
      parent().tell(new Persisted(lastSequenceNr()), self());
    });
  }

  @Override
  public void onPersistFailure(Throwable cause, Object event, long seqNr) {
    parent().tell(new JournalFailed("journal write failed: " + cause.getMessage()), self());
    super.onPersistFailure(cause, event, seqNr);
  }

  @Override
  public void onPersistRejected(Throwable cause, Object event, long seqNr) {
    parent().tell(new JournalFailed("journal rejected an event: " + cause.getMessage()), self());
    super.onPersistRejected(cause, event, seqNr);
    context().stop(self());
  }

  @Override
  public void onRecoveryFailure(Throwable cause, scala.Option<Object> event) {
    parent().tell(new JournalFailed("loading the entity failed: " + cause.getMessage()), self());
    super.onRecoveryFailure(cause, event);
  }

  private ActorRef parent() {
    return getContext().getParent();
  }
}
