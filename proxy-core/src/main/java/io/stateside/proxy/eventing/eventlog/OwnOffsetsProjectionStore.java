package io.stateside.proxy.eventing.eventlog;

import akka.Done;
import akka.NotUsed;
import akka.persistence.query.Offset;
import akka.projection.Projection;
import akka.projection.ProjectionContext;
import akka.projection.ProjectionId;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.javadsl.SourceProvider;
import akka.stream.javadsl.FlowWithContext;
import com.google.protobuf.Any;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link ProjectionStore} for a store that keeps offsets itself ({@link OffsetStore}) and needs
 * no table made for them: its projections are {@link OffsetStoreProjection}s on itself.
 */
public abstract class OwnOffsetsProjectionStore implements ProjectionStore, OffsetStore<Offset> {

  @Override
  public CompletionStage<Done> prepare() {
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  @Override
  public Projection<EventEnvelope<Any>> atLeastOnce(ProjectionId id, SourceProvider<Offset, EventEnvelope<Any>> source,
      FlowWithContext<EventEnvelope<Any>, ProjectionContext, Done, ProjectionContext, NotUsed> handler) {
    return OffsetStoreProjection.atLeastOnceFlow(id, source, handler, this);
  }
}
