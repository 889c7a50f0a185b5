package io.stateside.tck.javamodel;

import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.tck.model.entitypassivation.EntityPassivationTckModelProto;
import io.stateside.tck.model.entitypassivation.Request;
import io.stateside.tck.model.entitypassivation.Response;
import java.time.Duration;

/**
 * {@code cloudstate.tck.model.entitypassivation.PassivationTckModel}: a constant state and a
 * 2-second passivation timeout. Served as an event-sourced entity, the type Stateside supports.
 */
final class PassivationTckModelEntity {

  static final String STATE = "state";

  private PassivationTckModelEntity() {}

  static EventSourcedEntity<String> definition() {
    return EventSourcedEntity.builder(
            EntityPassivationTckModelProto.getDescriptor().findServiceByName("PassivationTckModel"),
            "entity-passivation-tck-model", STATE)
        .onCommand("Activate", Request.class, Response.class,
            (state, request, context) -> Effect.reply(Response.newBuilder().setMessage(state).build()))
        .passivationTimeout(Duration.ofSeconds(2))
        .build();
  }
}
