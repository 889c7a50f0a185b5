package io.stateside.proxy.store.scaladsl;

import akka.NotUsed;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.scaladsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.query.scaladsl.CurrentEventsByTagQuery;
import akka.persistence.query.scaladsl.CurrentPersistenceIdsQuery;
import akka.persistence.query.scaladsl.EventsByPersistenceIdQuery;
import akka.persistence.query.scaladsl.EventsByTagQuery;
import akka.stream.scaladsl.Source;
import io.stateside.proxy.store.EventQueries;

/** The same read journal for Scala users (Akka Projections' Scala API, for one). */
public class StoreReadJournal implements EventsByTagQuery, CurrentEventsByTagQuery,
    EventsByPersistenceIdQuery, CurrentEventsByPersistenceIdQuery, CurrentPersistenceIdsQuery {

  private final EventQueries queries;

  public StoreReadJournal(EventQueries queries) {
    this.queries = queries;
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset) {
    return queries.eventsByTag(tag, offset, true).asScala();
  }

  @Override
  public Source<EventEnvelope, NotUsed> currentEventsByTag(String tag, Offset offset) {
    return queries.eventsByTag(tag, offset, false).asScala();
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByPersistenceId(String persistenceId, long fromSequenceNr,
      long toSequenceNr) {
    return queries.eventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, true).asScala();
  }

  @Override
  public Source<EventEnvelope, NotUsed> currentEventsByPersistenceId(String persistenceId, long fromSequenceNr,
      long toSequenceNr) {
    return queries.eventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, false).asScala();
  }

  @Override
  public Source<String, NotUsed> currentPersistenceIds() {
    return queries.currentPersistenceIds().asScala();
  }
}
