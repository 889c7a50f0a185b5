package io.stateside.proxy.embedded.projection;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.persistence.query.Offset;
import akka.persistence.query.Sequence;
import akka.projection.ProjectionId;
import io.stateside.proxy.embedded.store.EmbeddedStore;
import io.stateside.proxy.embedded.store.StoreWrite;
import io.stateside.proxy.eventing.eventlog.OwnOffsetsProjectionStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Event-log subscriptions' offsets in the embedded store's database, written through its group
 * commit like the journal's events (synced before a save completes when {@code sync} is on).
 * The store's read journal numbers tagged events with {@code Offset.sequence(n)}, so that is
 * the only kind of offset kept.
 */
public final class EmbeddedProjectionStore extends OwnOffsetsProjectionStore {

  private final EmbeddedStore store;

  public EmbeddedProjectionStore(ActorSystem<?> system) {
    this.store = EmbeddedStore.get(system.classicSystem());
  }

  @Override
  public CompletionStage<Optional<Offset>> read(ProjectionId id) {
    return store.read(reads -> reads.projectionOffset(id.name(), id.key()).map(Offset::sequence));
  }

  @Override
  public CompletionStage<Done> save(ProjectionId id, Offset offset) {
    if (!(offset instanceof Sequence sequence)) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "The embedded store keeps sequence offsets only, not " + offset));
    }
    return store.write(new StoreWrite.SaveProjectionOffset(id.name(), id.key(), sequence.value()))
        .thenApply(stored -> Done.getInstance());
  }
}
