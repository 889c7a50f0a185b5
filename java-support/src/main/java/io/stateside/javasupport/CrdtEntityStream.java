package io.stateside.javasupport;

import io.stateside.protocol.Failure;
import io.stateside.protocol.crdt.CrdtInit;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol of one {@code Crdt.handle} stream: one init (with the proxy's value, if it has one),
 * then commands, deltas, cancellations and perhaps a delete, in any order. A message out of that
 * order, or a delta the entity cannot apply, ends the stream with a stream-level {@link Failure}
 * so the proxy restarts the entity; every other stream is unaffected.
 */
final class CrdtEntityStream {

  private static final Logger log = LoggerFactory.getLogger(CrdtEntityStream.class);

  private final Map<String, CrdtEntity> entities;
  private LiveCrdtEntity entity;

  CrdtEntityStream(Map<String, CrdtEntity> entities) {
    this.entities = entities;
  }

  /** True for the message that ends a stream; nothing follows it. */
  static boolean isFinal(CrdtStreamOut out) {
    return out.hasFailure();
  }

  List<CrdtStreamOut> handle(CrdtStreamIn in) {
    if (in.getMessageCase() == CrdtStreamIn.MessageCase.INIT) {
      return init(in.getInit());
    }
    if (in.getMessageCase() == CrdtStreamIn.MessageCase.MESSAGE_NOT_SET) {
      return fatal(0, "Received an empty message");
    }
    if (entity == null) {
      return fatal(in.hasCommand() ? in.getCommand().getId() : 0, "Received " + in.getMessageCase() + " before init");
    }
    return switch (in.getMessageCase()) {
      case COMMAND -> entity.handle(in.getCommand());
      case DELTA -> delta(in);
      case DELETE -> {
        log.debug("The proxy deleted {}", entity.describe());
        entity.deleted();
        yield List.of();
      }
      case STREAM_CANCELLED -> entity.cancelled(in.getStreamCancelled());
      case INIT, MESSAGE_NOT_SET -> throw new IllegalStateException("handled above");
    };
  }

  private List<CrdtStreamOut> init(CrdtInit init) {
    if (entity != null) {
      return fatal(0, "Received a second init for " + entity.describe());
    }
    CrdtEntity definition = entities.get(init.getServiceName());
    if (definition == null) {
      return fatal(0, "This user function has no CRDT entity for service " + init.getServiceName()
          + "; it serves " + String.join(", ", entities.keySet()));
    }
    try {
      entity = LiveCrdtEntity.start(definition, init.getEntityId(),
          init.hasDelta() ? Optional.of(init.getDelta()) : Optional.empty());
    } catch (Exception e) {
      String what = definition.serviceName() + " entity '" + init.getEntityId() + "'";
      log.error("Could not read the initial value of {}; ending its stream", what, e);
      return List.of(failure(0, "Could not read the initial value of " + what + " (see the user function's log)"));
    }
    return List.of();
  }

  private List<CrdtStreamOut> delta(CrdtStreamIn in) {
    try {
      return entity.applyDelta(in.getDelta());
    } catch (Exception e) {
      log.error("Could not apply a delta to {}; ending its stream", entity.describe(), e);
      return List.of(failure(0, "Could not apply a delta to " + entity.describe() + ": " + e.getMessage()));
    }
  }

  private static List<CrdtStreamOut> fatal(long commandId, String description) {
    log.error("Ending CRDT entity stream: {}", description);
    return List.of(failure(commandId, description));
  }

  private static CrdtStreamOut failure(long commandId, String description) {
    return CrdtStreamOut.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(commandId).setDescription(description))
        .build();
  }
}
