package io.stateside.proxy.store.javadsl;

import akka.NotUsed;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.query.javadsl.CurrentEventsByTagQuery;
import akka.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import akka.persistence.query.javadsl.EventsByPersistenceIdQuery;
import akka.persistence.query.javadsl.EventsByTagQuery;
import akka.stream.javadsl.Source;
import io.stateside.proxy.store.EventQueries;

/**
 * A read journal for Java over a store's {@link EventQueries}: events by persistence id and by
 * tag, current and live, and the persistence ids.
 */
public class StoreReadJournal implements EventsByTagQuery, CurrentEventsByTagQuery,
    EventsByPersistenceIdQuery, CurrentEventsByPersistenceIdQuery, CurrentPersistenceIdsQuery {

  private final EventQueries queries;

  public StoreReadJournal(EventQueries queries) {
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
