package io.stateside.tck.javamodel;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelProto;
import io.stateside.tck.model.eventsourced.Persisted;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.RequestAction;
import io.stateside.tck.model.eventsourced.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cloudstate.tck.model.EventSourcedTckModel}: a string that each {@code Persisted} event
 * appends to, snapshotted every 5 events. {@code Process} takes the request's actions in order.
 */
final class EventSourcedTckModelEntity {

  static final ServiceDescriptor SERVICE =
      EventSourcedTckModelProto.getDescriptor().findServiceByName("EventSourcedTckModel");
  private static final ServiceDescriptor TWO =
      EventSourcedTckModelProto.getDescriptor().findServiceByName("EventSourcedTwo");

  private EventSourcedTckModelEntity() {}

  static EventSourcedEntity<String> definition() {
    return EventSourcedEntity.builder(SERVICE, "event-sourced-tck-model", "")
        .onCommand("Process", Request.class, Response.class, EventSourcedTckModelEntity::process)
        .onEvent(Persisted.class, (state, event) -> state + event.getValue())
        .snapshot(Persisted.class, state -> Persisted.newBuilder().setValue(state).build(), Persisted::getValue)
        .snapshotEvery(5)
        .build();
  }

  private static Effect<Response> process(String state, Request request, CommandContext context) {
    List<Persisted> events = new ArrayList<>();
    List<SideEffect> sideEffects = new ArrayList<>();
    Optional<ServiceCall> forward = Optional.empty();
    StringBuilder next = new StringBuilder(state);
    for (RequestAction action : request.getActionsList()) {
      switch (action.getActionCase()) {
        case EMIT -> {
          events.add(Persisted.newBuilder().setValue(action.getEmit().getValue()).build());
          next.append(action.getEmit().getValue());
        }
        case FORWARD -> forward = Optional.of(callTwo(action.getForward().getId()));
        case EFFECT -> sideEffects.add(new SideEffect(callTwo(action.getEffect().getId()),
            action.getEffect().getSynchronous()));
        case FAIL -> {
          // Nothing of this command is kept: java-support fails without events or side effects.
          return Effect.fail(action.getFail().getMessage());
        }
        case ACTION_NOT_SET -> { }
      }
    }
    Effect.Emit emitted = Effect.emitAll(events);
    Effect.Success<Response> effect;
    if (forward.isPresent()) {
      effect = emitted.thenForward(forward.get());
    } else {
      effect = emitted.thenReply(Response.newBuilder().setMessage(next.toString()).build());
    }
    return effect.withSideEffects(sideEffects.toArray(SideEffect[]::new));
  }

  private static ServiceCall callTwo(String id) {
    return ServiceCall.of(TWO, "Call", Request.newBuilder().setId(id).build());
  }
}
