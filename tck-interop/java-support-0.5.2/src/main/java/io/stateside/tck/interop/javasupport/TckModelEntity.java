package io.stateside.tck.interop.javasupport;

import io.cloudstate.javasupport.ServiceCall;
import io.cloudstate.javasupport.ServiceCallRef;
import io.cloudstate.javasupport.eventsourced.CommandContext;
import io.cloudstate.javasupport.eventsourced.CommandHandler;
import io.cloudstate.javasupport.eventsourced.EventHandler;
import io.cloudstate.javasupport.eventsourced.EventSourcedEntity;
import io.cloudstate.javasupport.eventsourced.EventSourcedEntityCreationContext;
import io.cloudstate.javasupport.eventsourced.Snapshot;
import io.cloudstate.javasupport.eventsourced.SnapshotHandler;
import io.stateside.tck.model.eventsourced.Persisted;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.RequestAction;
import io.stateside.tck.model.eventsourced.Response;
import java.util.Optional;

/**
 * {@code cloudstate.tck.model.EventSourcedTckModel}: the state is a string each {@code Persisted}
 * event appends to; a snapshot every 5 events replaces it. {@code Process} takes the request's
 * actions in order and replies with the state, unless it forwarded.
 */
@EventSourcedEntity(persistenceId = "event-sourced-tck-model", snapshotEvery = 5)
public final class TckModelEntity {

  private final ServiceCallRef<Request> two;
  private String state = "";

  public TckModelEntity(EventSourcedEntityCreationContext context) {
    two = context.serviceCallFactory().lookup("cloudstate.tck.model.EventSourcedTwo", "Call", Request.class);
  }

  @Snapshot
  public Persisted snapshot() {
    return Persisted.newBuilder().setValue(state).build();
  }

  @SnapshotHandler
  public void handleSnapshot(Persisted snapshot) {
    state = snapshot.getValue();
  }

  @EventHandler
  public void persisted(Persisted event) {
    state += event.getValue();
  }

  @CommandHandler
  public Optional<Response> process(Request request, CommandContext context) {
    // 0.5.2 applies a command's events once its handler has returned; the reply shows them already.
    StringBuilder next = new StringBuilder(state);
    boolean forwarded = false;
    for (RequestAction action : request.getActionsList()) {
      switch (action.getActionCase()) {
        case EMIT -> {
          context.emit(Persisted.newBuilder().setValue(action.getEmit().getValue()).build());
          next.append(action.getEmit().getValue());
        }
        case FORWARD -> {
          forwarded = true;
          context.forward(callTwo(action.getForward().getId()));
        }
        case EFFECT -> context.effect(callTwo(action.getEffect().getId()), action.getEffect().getSynchronous());
        case FAIL -> throw context.fail(action.getFail().getMessage());
        case ACTION_NOT_SET -> { }
      }
    }
    return forwarded ? Optional.empty() : Optional.of(Response.newBuilder().setMessage(next.toString()).build());
  }

  private ServiceCall callTwo(String id) {
    return two.createCall(Request.newBuilder().setId(id).build());
  }
}
