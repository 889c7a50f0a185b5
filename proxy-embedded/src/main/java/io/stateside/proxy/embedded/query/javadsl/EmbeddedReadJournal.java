package io.stateside.proxy.embedded.query.javadsl;

import akka.NotUsed;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.query.javadsl.CurrentEventsByTagQuery;
import akka.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import akka.persistence.query.javadsl.EventsByPersistenceIdQuery;
import akka.persistence.query.javadsl.EventsByTagQuery;
import akka.persistence.query.Offset;
import akka.stream.javadsl.Source;
import io.stateside.proxy.embedded.query.EmbeddedQueries;

/**
 * The read journal of the embedded store for Java: events by persistence id and by tag, current
 * and live, and the persistence ids. Obtain it with
 * {@code PersistenceQuery.get(system).getReadJournalFor(EmbeddedReadJournal.class, EmbeddedReadJournal.IDENTIFIER)}.
 * Offsets are {@code Offset.sequence(n)}: a global, gap-free order of tagged events, exclusive.
 */
public final class EmbeddedReadJournal implements EventsByTagQuery, CurrentEventsByTagQuery,
    EventsByPersistenceIdQuery, CurrentEventsByPersistenceIdQuery, CurrentPersistenceIdsQuery {

  /** The read journal's configuration path. */
  public static final String IDENTIFIER = "stateside.embedded.read-journal";

  private final EmbeddedQueries queries;

  public EmbeddedReadJournal(EmbeddedQueries queries) {
    this.queries = queries;
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset) {
    return queries.eventsByTag(tag, offset, true);
  }

  @Override
  public Source<EventEnvelope, NotUsed> currentEventsByTag(String tag, Offset offset) {
    return queries.eventsByTag(tag, offset, false);
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByPersistenceId(String persistenceId, long fromSequenceNr,
      long toSequenceNr) {
    return queries.eventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, true);
  }

  @Override
  public Source<EventEnvelope, NotUsed> currentEventsByPersistenceId(String persistenceId, long fromSequenceNr,
      long toSequenceNr) {
    return queries.eventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, false);
  }

  @Override
  public Source<String, NotUsed> currentPersistenceIds() {
    return queries.currentPersistenceIds();
  }
}
