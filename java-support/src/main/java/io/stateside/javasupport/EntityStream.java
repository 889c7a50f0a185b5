package io.stateside.javasupport;

import io.stateside.protocol.Command;
import io.stateside.protocol.Failure;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one {@code EventSourced.handle} stream: one init, then stored events, then
 * commands. A message out of that order, or an entity that cannot be recovered, ends the stream
 * with a stream-level {@link Failure} so the proxy restarts the entity; every other stream is
 * unaffected.
 */
final class EntityStream {

  private static final Logger log = LoggerFactory.getLogger(EntityStream.class);

  private final Map<String, EventSourcedEntity<?>> entities;
  private LiveEntity<?> entity;
  private boolean recovered;

  EntityStream(Map<String, EventSourcedEntity<?>> entities) {
    this.entities = entities;
  }

  /** True for the message that ends a stream; nothing follows it. */
  static boolean isFinal(EventSourcedStreamOut out) {
    return out.hasFailure();
  }

  List<EventSourcedStreamOut> handle(EventSourcedStreamIn in) {
    try {
      return switch (in.getMessageCase()) {
        case INIT -> init(in.getInit());
        case EVENT -> event(in.getEvent());
        case COMMAND -> command(in.getCommand());
        case MESSAGE_NOT_SET -> fatal(0, "Received an empty message");
      };
    } catch (Exception e) {
      String what = entity != null ? entity.describe()
          : in.getInit().getServiceName() + " entity '" + in.getInit().getEntityId() + "'";
      log.error("Could not recover {}; ending its stream", what, e);
      return List.of(failure(0, "Could not recover " + what + " (see the user function's log)"));
    }
  }

  private List<EventSourcedStreamOut> init(EventSourcedInit init) throws Exception {
    if (entity != null) {
      return fatal(0, "Received a second init for " + entity.describe());
    }
    EventSourcedEntity<?> definition = entities.get(init.getServiceName());
    if (definition == null) {
      return fatal(0, "This user function has no event-sourced entity for service " + init.getServiceName()
          + "; it serves " + String.join(", ", entities.keySet()));
    }
    entity = LiveEntity.start(definition, init.getEntityId(), init.hasSnapshot() ? init.getSnapshot() : null);
    log.debug("Starting {} from {}", entity.describe(),
        init.hasSnapshot() ? "a snapshot at sequence " + entity.sequence() : "its initial state");
    return List.of();
  }

  private List<EventSourcedStreamOut> event(EventSourcedEvent event) throws Exception {
    if (entity == null || recovered) {
      return fatal(0, "Received an event " + (entity == null ? "before init" : "after a command"));
    }
    entity.replay(event.getSequence(), event.getPayload());
    return List.of();
  }

  private List<EventSourcedStreamOut> command(Command command) {
    if (entity == null) {
      return fatal(command.getId(), "Received command " + command.getName() + " before init");
    }
    if (!recovered) {
      recovered = true;
      log.debug("Recovered {} at sequence {}", entity.describe(), entity.sequence());
    }
    return List.of(EventSourcedStreamOut.newBuilder().setReply(entity.handle(command).reply()).build());
  }

  private static List<EventSourcedStreamOut> fatal(long commandId, String description) {
    log.error("Ending entity stream: {}", description);
    return List.of(failure(commandId, description));
  }

  private static EventSourcedStreamOut failure(long commandId, String description) {
    return EventSourcedStreamOut.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(commandId).setDescription(description))
        .build();
  }
}
