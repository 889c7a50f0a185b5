package io.stateside.javasupport;

import io.stateside.protocol.Command;
import io.stateside.protocol.Failure;
import io.stateside.protocol.valueentity.ValueEntityInit;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one {@code ValueEntity.handle} stream: one init carrying the stored state, then
 * commands, each answered in order. A message out of that order, or a stored state the entity
 * cannot read, ends the stream with a stream-level {@link Failure} so the proxy restarts the
 * entity; every other stream is unaffected.
 */
final class ValueEntityStream {

  private static final Logger log = LoggerFactory.getLogger(ValueEntityStream.class);

  private final Map<String, ValueEntity<?>> entities;
  private LiveValueEntity<?> entity;

  ValueEntityStream(Map<String, ValueEntity<?>> entities) {
    this.entities = entities;
  }

  /** True for the message that ends a stream; nothing follows it. */
  static boolean isFinal(ValueEntityStreamOut out) {
    return out.hasFailure();
  }

  List<ValueEntityStreamOut> handle(ValueEntityStreamIn in) {
    return switch (in.getMessageCase()) {
      case INIT -> init(in.getInit());
      case COMMAND -> command(in.getCommand());
      case MESSAGE_NOT_SET -> fatal(0, "Received an empty message");
    };
  }

  private List<ValueEntityStreamOut> init(ValueEntityInit init) {
    if (entity != null) {
      return fatal(0, "Received a second init for " + entity.describe());
    }
    ValueEntity<?> definition = entities.get(init.getServiceName());
    if (definition == null) {
      return fatal(0, "This user function has no value entity for service " + init.getServiceName()
          + "; it serves " + String.join(", ", entities.keySet()));
    }
    try {
      entity = LiveValueEntity.start(definition, init.getEntityId(), init.getState());
    } catch (Exception e) {
      String what = definition.serviceName() + " entity '" + init.getEntityId() + "'";
      log.error("Could not read the stored state of {}; ending its stream", what, e);
      return List.of(failure(0, "Could not read the stored state of " + what + " (see the user function's log)"));
    }
    log.debug("Starting {} from {}", entity.describe(),
        init.getState().hasValue() ? "its stored state" : "its initial state");
    return List.of();
  }

  private List<ValueEntityStreamOut> command(Command command) {
    if (entity == null) {
      return fatal(command.getId(), "Received command " + command.getName() + " before init");
    }
    return List.of(ValueEntityStreamOut.newBuilder().setReply(entity.handle(command).reply()).build());
  }

  private static List<ValueEntityStreamOut> fatal(long commandId, String description) {
    log.error("Ending value entity stream: {}", description);
    return List.of(failure(commandId, description));
  }

  private static ValueEntityStreamOut failure(long commandId, String description) {
    return ValueEntityStreamOut.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(commandId).setDescription(description))
        .build();
  }
}
