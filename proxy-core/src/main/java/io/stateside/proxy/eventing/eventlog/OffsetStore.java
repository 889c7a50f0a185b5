package io.stateside.proxy.eventing.eventlog;

import akka.Done;
import akka.projection.ProjectionId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where a store for which Akka Projections has no offset store of its own (the memory and the
 * embedded store) keeps the offset of each projection; {@link OffsetStoreProjection} runs
 * projections on it.
 */
public interface OffsetStore<Offset> {

  /** The projection's last saved offset, if it saved one. */
  CompletionStage<Optional<Offset>> read(ProjectionId id);

  /** Replaces the projection's offset; completes once it is stored. */
  CompletionStage<Done> save(ProjectionId id, Offset offset);
}
