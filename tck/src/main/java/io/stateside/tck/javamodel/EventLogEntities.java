package io.stateside.tck.javamodel;

import com.google.protobuf.Empty;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.javasupport.JsonType;
import io.stateside.tck.model.eventlogeventing.EmitEventRequest;
import io.stateside.tck.model.eventlogeventing.EventLogEventingProto;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.JsonEvent;

/**
 * {@code cloudstate.tck.model.eventlogeventing.EventSourcedEntityOne} and {@code EventSourcedEntityTwo}:
 * entities that only emit, the first protobuf events, the second JSON ones. Their state does not
 * matter; the events are for the subscriber.
 */
final class EventLogEntities {

  /** The JSON event of EventSourcedEntityTwo: an object with one property, {@code message}. */
  record JsonMessage(String message) {}

  static final JsonType<JsonMessage> JSON_EVENT = JsonType.of("JsonEvent", JsonMessage.class);

  private EventLogEntities() {}

  static EventSourcedEntity<Boolean> one() {
    return EventSourcedEntity.builder(
            EventLogEventingProto.getDescriptor().findServiceByName("EventSourcedEntityOne"), "eventlogeventing-one", true)
        .onCommand("EmitEvent", EmitEventRequest.class, Empty.class, (state, request, context) -> switch (request.getEventCase()) {
          case EVENT_ONE -> Effect.emit(request.getEventOne()).thenReply(Empty.getDefaultInstance());
          case EVENT_TWO -> Effect.emit(request.getEventTwo()).thenReply(Empty.getDefaultInstance());
          case EVENT_NOT_SET -> Effect.fail("The request names no event to emit");
        })
        .onEvent(EventOne.class, (state, event) -> state)
        .onEvent(EventTwo.class, (state, event) -> state)
        .build();
  }

  static EventSourcedEntity<Boolean> two() {
    return EventSourcedEntity.builder(
            EventLogEventingProto.getDescriptor().findServiceByName("EventSourcedEntityTwo"), "eventlogeventing-two", true)
        .onCommand("EmitJsonEvent", JsonEvent.class, Empty.class, (state, request, context) ->
            Effect.emit(JSON_EVENT.encode(new JsonMessage(request.getMessage()))).thenReply(Empty.getDefaultInstance()))
        .onEvent(JSON_EVENT, (state, event) -> state)
        .build();
  }
}
