package io.stateside.tck.interop.javasupport;

import io.cloudstate.javasupport.eventsourced.CommandHandler;
import io.cloudstate.javasupport.eventsourced.EventSourcedEntity;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.Response;

/**
 * {@code cloudstate.tck.model.EventSourcedConfigured}. The model asks for a 100 ms passivation
 * timeout, which 0.5.2 cannot declare: its protocol has no passivation strategy.
 */
@EventSourcedEntity(persistenceId = "event-sourced-configured")
public final class ConfiguredEntity {

  @CommandHandler
  public Response call(Request request) {
    return Response.getDefaultInstance();
  }
}
