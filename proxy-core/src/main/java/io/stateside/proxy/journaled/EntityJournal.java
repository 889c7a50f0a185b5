package io.stateside.proxy.journaled;

import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.Props;
import akka.persistence.AbstractPersistentActor;
import akka.persistence.DeleteMessagesFailure;
import akka.persistence.DeleteMessagesSuccess;
import akka.persistence.Recovery;
import akka.persistence.RecoveryCompleted;
import akka.persistence.SaveSnapshotFailure;
import akka.persistence.SaveSnapshotSuccess;
import akka.persistence.SnapshotOffer;
import akka.persistence.SnapshotSelectionCriteria;
import akka.persistence.journal.Tagged;
import com.google.protobuf.Any;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal side of one incarnation of a journaled entity. At start it loads only the
 * latest snapshot and the highest sequence number; the events after the snapshot reach the user
 * function through {@link JournalReplay}, at the user function's pace. Then it stores what the
 * entity asks it to, one write at a time. It is a child of {@link JournaledEntity}, so that a
 * failing store stops only this actor and the entity can answer every waiting caller.
 */
final class EntityJournal extends AbstractPersistentActor {

  private static final Logger log = LoggerFactory.getLogger(EntityJournal.class);

  /** The entity is loaded. */
  record Recovered(StoredEntity stored) implements NoSerializationVerificationNeeded {}

  /** Store the events of these segments in one atomic write, tagged, then the last snapshot among them. */
  record Persist(long writeNo, List<CommandPipeline.Segment> segments) implements NoSerializationVerificationNeeded {}

  /** The write numbered {@code writeNo} is durable. */
  record Persisted(long writeNo) implements NoSerializationVerificationNeeded {}

  /**
   * The store failed; the journal stops right after saying so. {@code forCallers} is what callers
   * may be told, {@code detail} what only the log may show (a store's errors can quote its SQL).
   */
  record JournalFailed(boolean duringRecovery, String forCallers, String detail)
      implements NoSerializationVerificationNeeded {}

  private final String persistenceId;
  private final Set<String> tags;
  private final int pruneEvery;
  private final boolean journalReplay;
  private long snapshotSequenceNr;
  private Optional<Any> snapshot = Optional.empty();

  private EntityJournal(String persistenceId, String tag, int pruneEvery, boolean journalReplay) {
    this.persistenceId = persistenceId;
    this.tags = Set.of(tag);
    this.pruneEvery = pruneEvery;
    this.journalReplay = journalReplay;
  }

  /**
   * {@code pruneEvery}: see {@link ShardedEntities#start}; {@code journalReplay}: see
   * {@code ProxySettings.StoreSettings}.
   */
  static Props props(String persistenceId, String tag, int pruneEvery, boolean journalReplay) {
    return Props.create(EntityJournal.class, () -> new EntityJournal(persistenceId, tag, pruneEvery, journalReplay));
  }

  @Override
  public String persistenceId() {
    return persistenceId;
  }

  /**
   * The latest snapshot, and no events: those are replayed as a stream the user function pulls.
   * A plugin that repairs its tag index while it replays (akka-persistence-cassandra re-tags the
   * events a crash left untagged, and goes on numbering tagged events from there) gets a full
   * replay, whose events are passed over here; without it, an entity's next events would take
   * tag numbers its earlier ones have, and event-log subscriptions would drop them as duplicates.
   */
  @Override
  public Recovery recovery() {
    return Recovery.create(SnapshotSelectionCriteria.latest(), Long.MAX_VALUE, journalReplay ? Long.MAX_VALUE : 0);
  }

  @Override
  public Receive createReceiveRecover() {
    return receiveBuilder()
        .match(SnapshotOffer.class, offer -> {
          snapshotSequenceNr = offer.metadata().sequenceNr();
          snapshot = Optional.of((Any) offer.snapshot());
        })
        .match(RecoveryCompleted.class, done ->
            parent().tell(new Recovered(new StoredEntity(snapshotSequenceNr, snapshot, lastSequenceNr())), self()))
        .matchAny(replayedEvent -> {}) // only with journalReplay; the user function reads them elsewhere
        .build();
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Persist.class, this::persist)
        .match(SaveSnapshotSuccess.class, ok -> {})
        .match(DeleteMessagesSuccess.class, ok -> {})
        .match(DeleteMessagesFailure.class, failed -> log.warn("Journal entries of {} up to {} not pruned; they stay",
            persistenceId, failed.toSequenceNr(), failed.cause()))
        .match(SaveSnapshotFailure.class, failed -> log.warn("Snapshot of {} at {} not saved; replay will be longer",
            persistenceId, failed.metadata().sequenceNr(), failed.cause()))
        .build();
  }

  private void persist(Persist request) {
    List<Tagged> events = new ArrayList<>();
    int lastSnapshotAt = -1;
    Any lastSnapshot = null;
    for (CommandPipeline.Segment segment : request.segments()) {
      segment.events().forEach(event -> events.add(new Tagged(event, tags)));
      if (segment.snapshot().isPresent()) {
        lastSnapshotAt = events.size() - 1;
        lastSnapshot = segment.snapshot().get();
      }
    }
    int snapshotAt = lastSnapshotAt;
    Any snapshotToSave = lastSnapshot;
    int[] stored = {0};
    // One atomic write; an earlier snapshot of the same write would be superseded at once. The
    // write counts as durable only once the handler has run for every event: a rejected write
    // runs none of them (a deferred handler would still run).
    persistAll(events, event -> {
      int index = stored[0]++;
      if (index == snapshotAt) {
        saveSnapshot(snapshotToSave);
      }
      if (index == events.size() - 1) {
        parent().tell(new Persisted(request.writeNo()), self());
        pruneIfDue(lastSequenceNr() - events.size());
      }
    });
  }

  /**
   * Deletes every entry before the latest when this write crossed a multiple of
   * {@code pruneEvery}; counted on sequence numbers, so that it holds across incarnations.
   */
  private void pruneIfDue(long sequenceNrBeforeWrite) {
    long latest = lastSequenceNr();
    if (pruneEvery > 0 && latest / pruneEvery > sequenceNrBeforeWrite / pruneEvery) {
      deleteMessages(latest - 1);
    }
  }

  // The three callbacks below do not log: the entity logs each failure once, throttled, so a
  // store outage across thousands of entities leaves a readable log. Akka stops this actor after
  // a failed write or load; a rejected write would let it go on, so it stops itself.

  @Override
  public void onPersistFailure(Throwable cause, Object event, long seqNr) {
    parent().tell(new JournalFailed(false, "the journal write failed", String.valueOf(cause)), self());
  }

  @Override
  public void onPersistRejected(Throwable cause, Object event, long seqNr) {
    parent().tell(new JournalFailed(false, "the journal rejected the entity's events", String.valueOf(cause)), self());
    context().stop(self());
  }

  @Override
  public void onRecoveryFailure(Throwable cause, scala.Option<Object> event) {
    parent().tell(new JournalFailed(true, "loading the entity failed", String.valueOf(cause)), self());
  }

  private ActorRef parent() {
    return getContext().getParent();
  }
}
