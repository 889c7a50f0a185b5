package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedSnapshot;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running entity: its current state and event sequence number. Turns each command into a
 * reply, and never lets an exception from user code escape: it becomes a failure for that command
 * and the state stays as it was.
 */
final class LiveEntity<S> {

  private static final Logger log = LoggerFactory.getLogger(LiveEntity.class);

  private final EventSourcedEntity<S> definition;
  private final String entityId;
  private S state;
  private long sequence;

  private LiveEntity(EventSourcedEntity<S> definition, String entityId, S state, long sequence) {
    this.definition = definition;
    this.entityId = entityId;
    this.state = state;
    this.sequence = sequence;
  }

  /** Starts an entity from its latest snapshot, if the proxy sent one, else from the empty state. */
  static <S> LiveEntity<S> start(EventSourcedEntity<S> definition, String entityId, EventSourcedSnapshot snapshot)
      throws InvalidProtocolBufferException {
    if (snapshot == null) {
      return new LiveEntity<>(definition, entityId, definition.initialState(), 0);
    }
    SnapshotCodec<S, ?> codec = definition.snapshotCodec().orElseThrow(() -> new IllegalStateException(
        "Received a snapshot but " + definition.serviceName() + " has no snapshot(...) configured"));
    return new LiveEntity<>(definition, entityId, codec.decode(snapshot.getSnapshot()), snapshot.getSnapshotSequence());
  }

  /**
   * Replays a stored event during recovery.
   *
   * @throws IllegalArgumentException if its type has no handler or it cannot be read
   */
  void replay(long eventSequence, Any event) {
    state = definition.applyEvents(state, List.of(event));
    sequence = eventSequence;
  }

  String describe() {
    return definition.serviceName() + " entity '" + entityId + "'";
  }

  long sequence() {
    return sequence;
  }

  /**
   * What handling a command gave: the reply for the proxy and, when the command succeeded, the
   * effect its handler chose (the test kit shows it).
   */
  record Handled(EventSourcedReply reply, Optional<Effect.Success<?>> effect) {}

  S state() {
    return state;
  }

  Handled handle(Command command) {
    CommandContext context = CommandContext.of(entityId, command);
    try {
      CommandRoute<S, ?, Effect<?>> route = definition.commandRoute(command.getName());
      Effect<?> effect = route.run(state, command.getPayload(), context);
      if (effect instanceof Effect.Failure<?> failure) {
        return failure(command.getId(), failure.description());
      }
      Effect.Success<?> success = (Effect.Success<?>) effect;
      route.checkAnswer(command.getName(), success.answer());
      return new Handled(succeed(command.getId(), success), Optional.of(success));
    } catch (RejectedCommandException e) {
      log.warn("Rejected command {} for {}: {}", command.getName(), describe(), e.getMessage());
      return failure(command.getId(), e.getMessage());
    } catch (Exception e) {
      log.error("Command {} (id {}) for {} failed; its events are discarded",
          command.getName(), command.getId(), describe(), e);
      return failure(command.getId(), "Unexpected error in " + command.getName());
    }
  }

  /** Applies the events to a copy of the state and commits it only once the whole reply is built. */
  private EventSourcedReply succeed(long commandId, Effect.Success<?> effect) {
    List<Message> events = effect.events();
    S next = definition.applyEvents(state, events);
    long nextSequence = sequence + events.size();

    EventSourcedReply.Builder reply = EventSourcedReply.newBuilder()
        .setCommandId(commandId)
        .setClientAction(ProtocolReplies.clientAction(effect.answer()))
        .addAllSideEffects(ProtocolReplies.sideEffects(effect.sideEffects()));
    events.forEach(event -> reply.addEvents(MessageType.packEvent(event)));
    if (snapshotDue(nextSequence)) {
      reply.setSnapshot(definition.snapshotCodec().orElseThrow().encode(next));
    }

    state = next;
    sequence = nextSequence;
    return reply.build();
  }

  /** True when this command's events pass a multiple of the snapshot interval. */
  private boolean snapshotDue(long nextSequence) {
    int every = definition.snapshotEvery();
    return every > 0 && nextSequence / every > sequence / every;
  }

  private static Handled failure(long commandId, String description) {
    return new Handled(EventSourcedReply.newBuilder()
        .setCommandId(commandId)
        .setClientAction(ProtocolReplies.failure(commandId, description))
        .build(), Optional.empty());
  }
}
