package io.stateside.proxy.embedded.query.javadsl;

import io.stateside.proxy.embedded.query.EmbeddedQueries;
import io.stateside.proxy.store.javadsl.StoreReadJournal;

/**
 * The read journal of the embedded store for Java: events by persistence id and by tag, current
 * and live, and the persistence ids. Obtain it with
 * {@code PersistenceQuery.get(system).getReadJournalFor(EmbeddedReadJournal.class, EmbeddedReadJournal.IDENTIFIER)}.
 * Offsets are {@code Offset.sequence(n)}: a global, gap-free order of tagged events, exclusive.
 */
public final class EmbeddedReadJournal extends StoreReadJournal {

  /** The read journal's configuration path. */
  public static final String IDENTIFIER = "stateside.embedded.read-journal";

  public EmbeddedReadJournal(EmbeddedQueries queries) {
    super(queries);
  }
}
