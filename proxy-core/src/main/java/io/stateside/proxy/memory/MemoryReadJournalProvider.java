package io.stateside.proxy.memory;

import akka.actor.ExtendedActorSystem;
import akka.persistence.query.ReadJournalProvider;
import com.typesafe.config.Config;
import io.stateside.proxy.store.javadsl.StoreReadJournal;

/** Akka's entry point to the memory store's read journal ({@code stateside.proxy.memory-read-journal}). */
public final class MemoryReadJournalProvider implements ReadJournalProvider {

  private final MemoryQueries queries;

  public MemoryReadJournalProvider(ExtendedActorSystem system, Config config) {
    this.queries = new MemoryQueries(MemoryStore.get(system), config.getDuration("refresh-interval"), system);
  }

  @Override
  public io.stateside.proxy.store.scaladsl.StoreReadJournal scaladslReadJournal() {
    return new io.stateside.proxy.store.scaladsl.StoreReadJournal(queries);
  }

  @Override
  public StoreReadJournal javadslReadJournal() {
    return new StoreReadJournal(queries);
  }
}
