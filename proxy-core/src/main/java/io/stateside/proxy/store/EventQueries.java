package io.stateside.proxy.store;

import akka.NotUsed;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.stream.javadsl.Source;

/**
 * The queries a store answers for Akka Persistence Query, current ({@code live = false}: up to
 * what is stored when the query runs) or live (following new writes for as long as the stream is
 * consumed). Both DSLs of {@link javadsl.StoreReadJournal} and {@link scaladsl.StoreReadJournal}
 * delegate here, so a store writes each query once.
 */
public interface EventQueries {

  /** Tagged events after {@code offset} (exclusive), in the store's order of tagged events. */
  Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset, boolean live);

  /** The entity's events numbered {@code fromSequenceNr} to {@code toSequenceNr}, both included. */
  Source<EventEnvelope, NotUsed> eventsByPersistenceId(String persistenceId, long fromSequenceNr, long toSequenceNr,
      boolean live);

  Source<String, NotUsed> currentPersistenceIds();
}
