package io.stateside.javasupport;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Command;
import io.stateside.protocol.valueentity.ValueEntityAction;
import io.stateside.protocol.valueentity.ValueEntityDelete;
import io.stateside.protocol.valueentity.ValueEntityInitState;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityUpdate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running value entity: its current state. Turns each command into a reply whose state
 * action tells the proxy what to store, and never lets an exception from user code escape: it
 * becomes a failure for that command and the state stays as it was.
 */
final class LiveValueEntity<S extends Message> {

  private static final Logger log = LoggerFactory.getLogger(LiveValueEntity.class);

  private final ValueEntity<S> definition;
  private final String entityId;
  private S state;

  private LiveValueEntity(ValueEntity<S> definition, String entityId, S state) {
    this.definition = definition;
    this.entityId = entityId;
    this.state = state;
  }

  /** Starts an entity from the state the proxy sent; an unset value means nothing is stored. */
  static <S extends Message> LiveValueEntity<S> start(ValueEntity<S> definition, String entityId,
                                                      ValueEntityInitState stored)
      throws InvalidProtocolBufferException {
    S state = stored.hasValue() ? definition.decodeState(stored.getValue()) : definition.initialState();
    return new LiveValueEntity<>(definition, entityId, state);
  }

  /**
   * What handling a command gave: the reply for the proxy and, when the command succeeded, the
   * effect its handler chose (the test kit shows it).
   */
  record Handled(ValueEntityReply reply, Optional<ValueEffect.Success<?>> effect) {}

  String describe() {
    return definition.serviceName() + " entity '" + entityId + "'";
  }

  S state() {
    return state;
  }

  Handled handle(Command command) {
    CommandContext context = CommandContext.of(entityId, command);
    try {
      CommandRoute<S, ?, ValueEffect<?>> route = definition.commandRoute(command.getName());
      ValueEffect<?> effect = route.run(state, command.getPayload(), context);
      if (effect instanceof ValueEffect.Failure<?> failure) {
        return failure(command.getId(), failure.description());
      }
      ValueEffect.Success<?> success = (ValueEffect.Success<?>) effect;
      route.checkAnswer(command.getName(), success.answer());
      return new Handled(succeed(command, success), Optional.of(success));
    } catch (RejectedCommandException e) {
      log.warn("Rejected command {} for {}: {}", command.getName(), describe(), e.getMessage());
      return failure(command.getId(), e.getMessage());
    } catch (Exception e) {
      log.error("Command {} (id {}) for {} failed; its state change is discarded",
          command.getName(), command.getId(), describe(), e);
      return failure(command.getId(), "Unexpected error in " + command.getName());
    }
  }

  /** Builds the whole reply first, and only then takes the new state. */
  private ValueEntityReply succeed(Command command, ValueEffect.Success<?> effect) {
    ValueEntityReply.Builder reply = ValueEntityReply.newBuilder()
        .setCommandId(command.getId())
        .setClientAction(ProtocolReplies.clientAction(effect.answer()))
        .addAllSideEffects(ProtocolReplies.sideEffects(effect.sideEffects()));
    S next = state;
    if (effect.stateChange() instanceof ValueEffect.StateChange.Updated updated) {
      next = definition.requireState(updated.state(), command.getName());
      reply.setStateAction(ValueEntityAction.newBuilder()
          .setUpdate(ValueEntityUpdate.newBuilder().setValue(MessageType.pack(next))));
    } else if (effect.stateChange() instanceof ValueEffect.StateChange.Deleted) {
      next = definition.initialState();
      reply.setStateAction(ValueEntityAction.newBuilder().setDelete(ValueEntityDelete.getDefaultInstance()));
    }
    ValueEntityReply built = reply.build();
    state = next;
    return built;
  }

  private static Handled failure(long commandId, String description) {
    return new Handled(ValueEntityReply.newBuilder()
        .setCommandId(commandId)
        .setClientAction(ProtocolReplies.failure(commandId, description))
        .build(), Optional.empty());
  }
}
