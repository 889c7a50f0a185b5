package io.stateside.proxy.embedded.query.scaladsl;

import io.stateside.proxy.embedded.query.EmbeddedQueries;
import io.stateside.proxy.store.scaladsl.StoreReadJournal;

/** The same read journal for Scala users (Akka Projections, for one). */
public final class EmbeddedReadJournal extends StoreReadJournal {

  public EmbeddedReadJournal(EmbeddedQueries queries) {
    super(queries);
  }
}
