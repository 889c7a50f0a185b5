package io.stateside.proxy.embedded.query;

import akka.actor.ExtendedActorSystem;
import akka.persistence.query.ReadJournalProvider;
import com.typesafe.config.Config;
import io.stateside.proxy.embedded.codec.EventCodec;
import io.stateside.proxy.embedded.codec.PayloadCodec;
import io.stateside.proxy.embedded.query.javadsl.EmbeddedReadJournal;
import io.stateside.proxy.embedded.store.EmbeddedStore;

/** Akka's entry point to the embedded read journal ({@code stateside.embedded.read-journal.class}). */
public final class EmbeddedReadJournalProvider implements ReadJournalProvider {

  private final EmbeddedQueries queries;

  public EmbeddedReadJournalProvider(ExtendedActorSystem system, Config config) {
    this.queries = new EmbeddedQueries(EmbeddedStore.get(system),
        new EventCodec(new PayloadCodec(system)), system);
  }

  @Override
  public io.stateside.proxy.embedded.query.scaladsl.EmbeddedReadJournal scaladslReadJournal() {
    return new io.stateside.proxy.embedded.query.scaladsl.EmbeddedReadJournal(queries);
  }

  @Override
  public EmbeddedReadJournal javadslReadJournal() {
    return new EmbeddedReadJournal(queries);
  }
}
