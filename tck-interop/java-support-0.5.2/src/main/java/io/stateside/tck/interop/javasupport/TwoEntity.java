package io.stateside.tck.interop.javasupport;

import io.cloudstate.javasupport.eventsourced.CommandHandler;
import io.cloudstate.javasupport.eventsourced.EventSourcedEntity;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.Response;

/** {@code cloudstate.tck.model.EventSourcedTwo}: the target of forwards and side effects. */
@EventSourcedEntity(persistenceId = "event-sourced-tck-model-two")
public final class TwoEntity {

  @CommandHandler
  public Response call(Request request) {
    return Response.getDefaultInstance();
  }
}
