package io.stateside.tck.javamodel;

import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelProto;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.Response;
import java.time.Duration;

/**
 * {@code cloudstate.tck.model.EventSourcedTwo} and {@code EventSourcedConfigured}: entities that
 * only answer, with an empty {@code Response}. The first is the target of forwards and side
 * effects; the second carries settings (persistence id, passivation) for the proxy to honour.
 */
final class EventSourcedTwoEntity {

  private EventSourcedTwoEntity() {}

  static EventSourcedEntity<String> two() {
    return EventSourcedEntity.builder(
            EventSourcedTckModelProto.getDescriptor().findServiceByName("EventSourcedTwo"),
            "event-sourced-tck-model-two", "")
        .onCommand("Call", Request.class, Response.class,
            (state, request, context) -> Effect.reply(Response.getDefaultInstance()))
        .build();
  }

  static EventSourcedEntity<String> configured() {
    return EventSourcedEntity.builder(
            EventSourcedTckModelProto.getDescriptor().findServiceByName("EventSourcedConfigured"),
            "event-sourced-configured", "")
        .onCommand("Call", Request.class, Response.class,
            (state, request, context) -> Effect.reply(Response.getDefaultInstance()))
        .passivationTimeout(Duration.ofMillis(100))
        .build();
  }
}
