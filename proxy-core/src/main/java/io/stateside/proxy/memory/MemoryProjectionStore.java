package io.stateside.proxy.memory;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.persistence.query.Offset;
import akka.projection.ProjectionId;
import io.stateside.proxy.eventing.eventlog.OwnOffsetsProjectionStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Event-log subscriptions' offsets in the memory store: lost with the process, like its events. */
public final class MemoryProjectionStore extends OwnOffsetsProjectionStore {

  private final ConcurrentHashMap<ProjectionId, Offset> offsets;

  public MemoryProjectionStore(ActorSystem<?> system) {
    this.offsets = MemoryStore.get(system.classicSystem()).offsets();
  }

  @Override
  public CompletionStage<Optional<Offset>> read(ProjectionId id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(offsets.get(id)));
  }

  @Override
  public CompletionStage<Done> save(ProjectionId id, Offset offset) {
    offsets.put(id, offset);
    return CompletableFuture.completedFuture(Done.getInstance());
  }
}
