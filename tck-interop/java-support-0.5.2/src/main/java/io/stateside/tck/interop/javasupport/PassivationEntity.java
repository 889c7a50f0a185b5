package io.stateside.tck.interop.javasupport;

import io.cloudstate.javasupport.eventsourced.CommandHandler;
import io.cloudstate.javasupport.eventsourced.EventSourcedEntity;
import io.stateside.tck.model.entitypassivation.Request;
import io.stateside.tck.model.entitypassivation.Response;

/**
 * {@code cloudstate.tck.model.entitypassivation.PassivationTckModel}, as an event-sourced entity
 * (0.5.2 has no value entities). The model asks for a 2 s passivation timeout, which 0.5.2 cannot
 * declare.
 */
@EventSourcedEntity(persistenceId = "entity-passivation-tck-model")
public final class PassivationEntity {

  @CommandHandler
  public Response activate(Request request) {
    return Response.newBuilder().setMessage("state").build();
  }
}
