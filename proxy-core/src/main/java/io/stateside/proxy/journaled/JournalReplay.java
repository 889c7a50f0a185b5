package io.stateside.proxy.journaled;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.persistence.journal.Tagged;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;

/**
 * Reads an entity's events from the store's read journal as a stream, so that replay flows at
 * the pace the user function takes it, however long the journal after the last snapshot is.
 */
public final class JournalReplay {

  private final CurrentEventsByPersistenceIdQuery readJournal;

  public JournalReplay(ActorSystem system, String readJournalPluginId) {
    this.readJournal = PersistenceQuery.get(system)
        .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
  }

  /** The events numbered {@code from} to {@code to}, both included. */
  public Source<StoredEvent, NotUsed> events(String persistenceId, long from, long to) {
    if (from > to) {
      return Source.empty();
    }
    return readJournal.currentEventsByPersistenceId(persistenceId, from, to)
        .map(envelope -> new StoredEvent(envelope.sequenceNr(), payload(envelope.event())));
  }

  /** Some journals hand events back still wrapped in the tags they were written with. */
  private static Any payload(Object event) {
    return (Any) (event instanceof Tagged tagged ? tagged.payload() : event);
  }
}
