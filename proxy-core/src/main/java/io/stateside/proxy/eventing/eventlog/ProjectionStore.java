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
import java.util.concurrent.CompletionStage;

/**
 * How a store keeps the progress of event-log subscriptions: each store module names its
 * implementation in {@code stateside.proxy.eventing.projection-store} (a public class with a
 * constructor taking the typed {@code akka.actor.typed.ActorSystem}), so offsets live in the same
 * store as the journal. Akka Projections supplies the at-least-once processing for all of them.
 */
public interface ProjectionStore {

  /**
   * Gets the store ready to keep offsets (creates its table where it needs one); runs before any
   * subscription starts, and again after a failure.
   */
  CompletionStage<Done> prepare();

  /**
   * An at-least-once projection: the envelopes go through {@code handler}, which emits one
   * element per envelope in order, and the offset of a handled envelope is kept in this store,
   * so that after a restart the projection goes on after the last offset kept.
   */
  Projection<EventEnvelope<Any>> atLeastOnce(
      ProjectionId id,
      SourceProvider<Offset, EventEnvelope<Any>> source,
      FlowWithContext<EventEnvelope<Any>, ProjectionContext, Done, ProjectionContext, NotUsed> handler);
}
