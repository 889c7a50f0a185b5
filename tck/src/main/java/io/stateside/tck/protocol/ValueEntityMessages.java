package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.valueentity.ValueEntityInit;
import io.stateside.protocol.valueentity.ValueEntityInitState;
import io.stateside.protocol.valueentity.ValueEntityReply;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import java.util.Optional;

/** Messages of the {@code cloudstate.valueentity.ValueEntity} stream. */
public final class ValueEntityMessages {

  private ValueEntityMessages() {}

  /** The init of an entity with nothing stored: a state message without value, as Cloudstate's proxy sends it. */
  public static ValueEntityStreamIn init(String service, String entityId) {
    return init(service, entityId, Optional.empty());
  }

  /** The init of an entity whose store holds {@code state}. */
  public static ValueEntityStreamIn init(String service, String entityId, Any state) {
    return init(service, entityId, Optional.of(state));
  }

  public static ValueEntityStreamIn init(String service, String entityId, Optional<Any> stored) {
    ValueEntityInitState.Builder state = ValueEntityInitState.newBuilder();
    stored.ifPresent(state::setValue);
    return ValueEntityStreamIn.newBuilder()
        .setInit(ValueEntityInit.newBuilder().setServiceName(service).setEntityId(entityId).setState(state))
        .build();
  }

  public static ValueEntityStreamIn command(long id, String entityId, String name, Message payload) {
    return ValueEntityStreamIn.newBuilder().setCommand(Messages.command(id, entityId, name, payload)).build();
  }

  public static ValueEntityStreamOut reply(long commandId, Message payload) {
    return reply(commandId, payload, ValueEntityEffects.NONE);
  }

  public static ValueEntityStreamOut reply(long commandId, Message payload, ValueEntityEffects effects) {
    return answer(commandId, Messages.replyAction(payload), effects);
  }

  public static ValueEntityStreamOut forward(long commandId, String service, String command, Message payload) {
    return forward(commandId, service, command, payload, ValueEntityEffects.NONE);
  }

  public static ValueEntityStreamOut forward(
      long commandId, String service, String command, Message payload, ValueEntityEffects effects) {
    return answer(commandId, Messages.forwardAction(service, command, payload), effects);
  }

  /** A command refused through its client action: no state action, no side effects. */
  public static ValueEntityStreamOut actionFailure(long commandId, String description, boolean restart) {
    return answer(commandId, Messages.failureAction(commandId, description, restart), ValueEntityEffects.NONE);
  }

  private static ValueEntityStreamOut answer(long commandId, ClientAction action, ValueEntityEffects effects) {
    ValueEntityReply.Builder reply = ValueEntityReply.newBuilder()
        .setCommandId(commandId)
        .setClientAction(action)
        .addAllSideEffects(effects.sideEffects());
    effects.stateAction().ifPresent(reply::setStateAction);
    return ValueEntityStreamOut.newBuilder().setReply(reply).build();
  }

  /** A command as the scenarios compare it: request metadata depends on the client and is left out. */
  public static ValueEntityStreamIn withoutMetadata(ValueEntityStreamIn message) {
    return message.hasCommand()
        ? message.toBuilder().setCommand(message.getCommand().toBuilder().clearMetadata()).build()
        : message;
  }
}
