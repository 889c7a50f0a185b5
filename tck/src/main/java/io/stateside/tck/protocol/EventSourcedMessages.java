package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedSnapshot;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;

/** Messages of the {@code cloudstate.eventsourced.EventSourced} stream. */
public final class EventSourcedMessages {

  private EventSourcedMessages() {}

  public static EventSourcedStreamIn init(String service, String entityId) {
    return EventSourcedStreamIn.newBuilder()
        .setInit(EventSourcedInit.newBuilder().setServiceName(service).setEntityId(entityId))
        .build();
  }

  public static EventSourcedStreamIn init(String service, String entityId, long snapshotSequence, Any snapshot) {
    return EventSourcedStreamIn.newBuilder()
        .setInit(EventSourcedInit.newBuilder().setServiceName(service).setEntityId(entityId)
            .setSnapshot(EventSourcedSnapshot.newBuilder().setSnapshotSequence(snapshotSequence).setSnapshot(snapshot)))
        .build();
  }

  public static EventSourcedStreamIn event(long sequence, Any payload) {
    return EventSourcedStreamIn.newBuilder()
        .setEvent(EventSourcedEvent.newBuilder().setSequence(sequence).setPayload(payload))
        .build();
  }

  public static EventSourcedStreamIn command(long id, String entityId, String name, Message payload) {
    return EventSourcedStreamIn.newBuilder().setCommand(Messages.command(id, entityId, name, payload)).build();
  }

  public static EventSourcedStreamOut reply(long commandId, Message payload) {
    return reply(commandId, payload, Effects.NONE);
  }

  public static EventSourcedStreamOut reply(long commandId, Message payload, Effects effects) {
    return answer(commandId, Messages.replyAction(payload), effects);
  }

  public static EventSourcedStreamOut forward(long commandId, String service, String command, Message payload) {
    return forward(commandId, service, command, payload, Effects.NONE);
  }

  public static EventSourcedStreamOut forward(
      long commandId, String service, String command, Message payload, Effects effects) {
    return answer(commandId, Messages.forwardAction(service, command, payload), effects);
  }

  /** A command refused through its client action: no events, no side effects. */
  public static EventSourcedStreamOut actionFailure(long commandId, String description, boolean restart) {
    return answer(commandId, Messages.failureAction(commandId, description, restart), Effects.NONE);
  }

  private static EventSourcedStreamOut answer(long commandId, ClientAction action, Effects effects) {
    EventSourcedReply.Builder reply = EventSourcedReply.newBuilder()
        .setCommandId(commandId)
        .setClientAction(action)
        .addAllEvents(effects.events())
        .addAllSideEffects(effects.sideEffects());
    effects.snapshot().ifPresent(reply::setSnapshot);
    return EventSourcedStreamOut.newBuilder().setReply(reply).build();
  }

  /** A command as the scenarios compare it: request metadata depends on the client and is left out. */
  public static EventSourcedStreamIn withoutMetadata(EventSourcedStreamIn message) {
    return message.hasCommand()
        ? message.toBuilder().setCommand(message.getCommand().toBuilder().clearMetadata()).build()
        : message;
  }
}
