package io.stateside.proxy.memory;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.NoOffset;
import akka.persistence.query.Offset;
import akka.persistence.query.Sequence;
import akka.stream.javadsl.Source;
import io.stateside.proxy.store.EventPages;
import io.stateside.proxy.store.EventQueries;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/** The memory store's queries; tag offsets are {@code Offset.sequence(n)}, exclusive. */
final class MemoryQueries implements EventQueries {

  private static final int PAGE_SIZE = 500;

  private final MemoryStore store;
  private final Duration refreshInterval;
  private final ActorSystem system;

  MemoryQueries(MemoryStore store, Duration refreshInterval, ActorSystem system) {
    this.store = store;
    this.refreshInterval = refreshInterval;
    this.system = system;
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByTag(String tag, Offset offset, boolean live) {
    long after = exclusiveStart(offset);
    return runningUpTo(() -> live ? Long.MAX_VALUE : store.lastOrdering(), end -> EventPages.<MemoryStore.Stored>stream(
            after,
            from -> CompletableFuture.completedFuture(store.tagged(tag, from, end, PAGE_SIZE)),
            MemoryStore.Stored::ordering, live, refreshInterval, system)
        .map(stored -> envelope(Offset.sequence(stored.ordering()), stored)));
  }

  @Override
  public Source<EventEnvelope, NotUsed> eventsByPersistenceId(String persistenceId, long fromSequenceNr,
      long toSequenceNr, boolean live) {
    long start = Math.max(1, fromSequenceNr) - 1;
    return runningUpTo(() -> live ? toSequenceNr : Math.min(toSequenceNr, store.highestSequenceNr(persistenceId)),
        to -> EventPages.<MemoryStore.Stored>stream(start,
                after -> CompletableFuture.completedFuture(
                    after >= to ? List.of() : store.events(persistenceId, after + 1, to, PAGE_SIZE)),
                stored -> stored.event().sequenceNr(), live, refreshInterval, system)
            .map(stored -> envelope(Offset.sequence(stored.event().sequenceNr()), stored)));
  }

  @Override
  public Source<String, NotUsed> currentPersistenceIds() {
    return Source.lazySource(() -> Source.from(store.persistenceIds())).mapMaterializedValue(ignored -> NotUsed.notUsed());
  }

  /** A current query's end is what is stored when it runs, not when it is built. */
  private static Source<EventEnvelope, NotUsed> runningUpTo(java.util.function.LongSupplier bound,
      LongFunction<Source<EventEnvelope, NotUsed>> upTo) {
    return Source.lazySource(() -> upTo.apply(bound.getAsLong())).mapMaterializedValue(ignored -> NotUsed.notUsed());
  }

  private static EventEnvelope envelope(Offset offset, MemoryStore.Stored stored) {
    return new EventEnvelope(offset, stored.event().persistenceId(), stored.event().sequenceNr(),
        stored.event().payload(), stored.event().timestamp());
  }

  private static long exclusiveStart(Offset offset) {
    if (offset instanceof Sequence sequence) {
      return sequence.value();
    }
    if (offset == NoOffset.getInstance()) {
      return 0;
    }
    throw new IllegalArgumentException("The memory store's read journal takes Offset.sequence(n) or "
        + "Offset.noOffset(), not " + offset);
  }
}
