package io.stateside.javasupport;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.Map;

/** Serves {@code cloudstate.eventsourced.EventSourced}: one independent stream per entity. */
final class EventSourcedEndpoint implements EventSourced {

  private final Map<String, EventSourcedEntity<?>> entities;

  EventSourcedEndpoint(Map<String, EventSourcedEntity<?>> entities) {
    this.entities = entities;
  }

  @Override
  public Source<EventSourcedStreamOut, NotUsed> handle(Source<EventSourcedStreamIn, NotUsed> in) {
    return in
        .statefulMapConcat(() -> new EntityStream(entities)::handle)
        .takeWhile(out -> !EntityStream.isFinal(out), true);
  }
}
