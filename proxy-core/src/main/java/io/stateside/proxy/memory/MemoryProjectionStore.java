package io.stateside.proxy.memory;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.persistence.query.Offset;
import akka.projection.Projection;
import akka.projection.ProjectionContext;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.javadsl.SourceProvider;
import akka.stream.javadsl.FlowWithContext;
import com.google.protobuf.Any;
import io.stateside.proxy.eventing.eventlog.OffsetStore;
import io.stateside.proxy.eventing.eventlog.OffsetStoreProjection;
import io.stateside.proxy.eventing.eventlog.ProjectionStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Event-log subscriptions' offsets in the memory store: lost with the process, like its events. */
public final class MemoryProjectionStore implements ProjectionStore, OffsetStore<Offset> {

  private final ConcurrentHashMap<ProjectionId, Offset> offsets;

  public MemoryProjectionStore(ActorSystem<?> system) {
    this.offsets = MemoryStore.get(system.classicSystem()).offsets();
  }

  @Override
  public CompletionStage<Done> prepare() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public Projection<EventEnvelope<Any>> atLeastOnce(ProjectionId id, SourceProvider<Offset, EventEnvelope<Any>> source,
      FlowWithContext<EventEnvelope<Any>, ProjectionContext, Done, ProjectionContext, NotUsed> handler) {
    return OffsetStoreProjection.atLeastOnceFlow(id, source, handler, this);
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
