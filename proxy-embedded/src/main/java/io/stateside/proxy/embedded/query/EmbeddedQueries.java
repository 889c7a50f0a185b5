package io.stateside.proxy.embedded.query;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.NoOffset;
import akka.persistence.query.Offset;
import akka.persistence.query.Sequence;
import akka.stream.javadsl.Source;
import io.stateside.proxy.embedded.codec.EventCodec;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import io.stateside.proxy.embedded.store.EmbeddedStoreSettings;
import io.stateside.proxy.embedded.store.PersistedEvent;
import io.stateside.proxy.embedded.store.TaggedEvent;
import io.stateside.proxy.embedded.store.StoreReads;
import io.stateside.proxy.store.EventPages;
import io.stateside.proxy.store.EventQueries;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The queries behind both DSLs, as Java sources over pages of the store's indexes. */
public final class EmbeddedQueries implements EventQueries {

  private final EmbeddedStore store;
  private final EventCodec codec;
  private final ActorSystem system;
  private final EmbeddedStoreSettings settings;

  public EmbeddedQueries(EmbeddedStore store, EventCodec codec, ActorSystem system) {
    this.store = store;
    this.codec = codec;
    this.system = system;
    this.settings = store.settings();
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset, boolean live) {
    long after = exclusiveStart(offset);
    // A current query ends at what was committed when it is run; a live one follows the commits.
    return startingWith(reads -> live ? Long.MAX_VALUE : reads.committedOffset(), end ->
        EventPages.<TaggedEvent>stream(after,
                from -> store.read(reads -> reads.eventsByTag(tag, from, Math.min(end, reads.committedOffset()),
                    settings.queryPageSize())),
                TaggedEvent::offset, live, settings.queryRefreshInterval(), system)
            .map(tagged -> envelope(Offset.sequence(tagged.offset()), tagged.event())));
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByPersistenceId(String persistenceId, long fromSequenceNr, long toSequenceNr,
      boolean live) {
    long start = Math.max(1, fromSequenceNr) - 1;
    return startingWith(reads -> live ? toSequenceNr : Math.min(toSequenceNr, reads.highestSequenceNr(persistenceId)),
        to -> EventPages.<PersistedEvent>stream(start,
                after -> after >= to
                    ? CompletableFuture.completedFuture(List.of())
                    : store.read(reads -> reads.events(persistenceId, after + 1, to, settings.queryPageSize())),
                PersistedEvent::sequenceNr, live, settings.queryRefreshInterval(), system)
            .map(event -> envelope(Offset.sequence(event.sequenceNr()), event)));
  }

  /** A source that reads its bound from the store when it is run, then streams up to it. */
  private Source<EventEnvelope, NotUsed> startingWith(Function<StoreReads, Long> bound,
      Function<Long, Source<EventEnvelope, NotUsed>> upTo) {
    return Source.lazyCompletionStageSource(() -> store.read(bound).thenApply(upTo))
        .mapMaterializedValue(ignored -> NotUsed.notUsed());
  }

  @Override
  public Source<String, NotUsed> currentPersistenceIds() {
    return Source.completionStage(store.read(reads -> reads.persistenceIds())).mapConcat(ids -> ids);
  }

  private EventEnvelope envelope(Offset offset, PersistedEvent event) {
    return new EventEnvelope(offset, event.persistenceId(), event.sequenceNr(), codec.payload(event),
        event.event().timestamp());
  }

  private static long exclusiveStart(Offset offset) {
    if (offset instanceof Sequence sequence) {
      return sequence.value();
    }
    if (offset == NoOffset.getInstance()) {
      return 0;
    }
    throw new IllegalArgumentException("The embedded read journal takes Offset.sequence(n) or Offset.noOffset(), not "
        + offset);
  }
}
