package io.stateside.tck.protocol;

import com.google.protobuf.Message;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.StreamCancelled;
import io.stateside.protocol.crdt.CrdtDelete;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtInit;
import io.stateside.protocol.crdt.CrdtReply;
import io.stateside.protocol.crdt.CrdtStateAction;
import io.stateside.protocol.crdt.CrdtStreamCancelledResponse;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import io.stateside.protocol.crdt.CrdtStreamedMessage;
import java.util.Optional;

/** Messages of the {@code cloudstate.crdt.Crdt} stream. */
public final class CrdtMessages {

  private CrdtMessages() {}

  /** The init of an entity with no state yet: no delta. */
  public static CrdtStreamIn init(String service, String entityId) {
    return CrdtStreamIn.newBuilder()
        .setInit(CrdtInit.newBuilder().setServiceName(service).setEntityId(entityId))
        .build();
  }

  /** The init of an entity whose replicated state is {@code state}, given as a delta from nothing. */
  public static CrdtStreamIn init(String service, String entityId, CrdtDelta state) {
    return CrdtStreamIn.newBuilder()
        .setInit(CrdtInit.newBuilder().setServiceName(service).setEntityId(entityId).setDelta(state))
        .build();
  }

  /** A change made elsewhere in the cluster. */
  public static CrdtStreamIn delta(CrdtDelta delta) {
    return CrdtStreamIn.newBuilder().setDelta(delta).build();
  }

  /** The CRDT was deleted elsewhere in the cluster. */
  public static CrdtStreamIn delete() {
    return CrdtStreamIn.newBuilder().setDelete(CrdtDelete.getDefaultInstance()).build();
  }

  public static CrdtStreamIn command(long id, String entityId, String name, Message payload) {
    return CrdtStreamIn.newBuilder().setCommand(Messages.command(id, entityId, name, payload)).build();
  }

  /** A command whose client keeps a stream open for the answers. */
  public static CrdtStreamIn streamedCommand(long id, String entityId, String name, Message payload) {
    return CrdtStreamIn.newBuilder()
        .setCommand(Messages.command(id, entityId, name, payload).toBuilder().setStreamed(true))
        .build();
  }

  /** The client of the streamed command {@code id} went away. */
  public static CrdtStreamIn streamCancelled(long id, String entityId) {
    return CrdtStreamIn.newBuilder()
        .setStreamCancelled(StreamCancelled.newBuilder().setId(id).setEntityId(entityId))
        .build();
  }

  public static CrdtStreamOut reply(long commandId, Message payload) {
    return reply(commandId, payload, CrdtEffects.NONE);
  }

  public static CrdtStreamOut reply(long commandId, Message payload, CrdtEffects effects) {
    return answer(commandId, Optional.of(Messages.replyAction(payload)), effects, false);
  }

  /** The first reply to a streamed command: the stream stays open. */
  public static CrdtStreamOut streamedReply(long commandId, Message payload, CrdtEffects effects) {
    return answer(commandId, Optional.of(Messages.replyAction(payload)), effects, true);
  }

  /** The first reply to a streamed command that answers nothing yet. */
  public static CrdtStreamOut streamedReplyWithoutAnswer(long commandId, CrdtEffects effects) {
    return answer(commandId, Optional.empty(), effects, true);
  }

  public static CrdtStreamOut forward(long commandId, String service, String command, Message payload,
                                      CrdtEffects effects) {
    return answer(commandId, Optional.of(Messages.forwardAction(service, command, payload)), effects, false);
  }

  /** A command refused through its client action: no state action, no side effects. */
  public static CrdtStreamOut actionFailure(long commandId, String description) {
    return answer(commandId, Optional.of(Messages.failureAction(commandId, description, false)), CrdtEffects.NONE,
        false);
  }

  /** A later message on the stream of streamed command {@code commandId}. */
  public static CrdtStreamOut streamed(long commandId, Message payload, CrdtEffects effects) {
    return streamedMessage(commandId, payload, effects, false);
  }

  /** The last message on the stream of streamed command {@code commandId}: the user function ends it. */
  public static CrdtStreamOut streamEnd(long commandId, Message payload, CrdtEffects effects) {
    return streamedMessage(commandId, payload, effects, true);
  }

  /** What the user function answers when told that streamed command {@code commandId} was cancelled. */
  public static CrdtStreamOut cancelledResponse(long commandId, CrdtEffects effects) {
    CrdtStreamCancelledResponse.Builder response = CrdtStreamCancelledResponse.newBuilder()
        .setCommandId(commandId)
        .addAllSideEffects(effects.sideEffects());
    effects.stateAction().ifPresent(response::setStateAction);
    return CrdtStreamOut.newBuilder().setStreamCancelledResponse(response).build();
  }

  private static CrdtStreamOut streamedMessage(long commandId, Message payload, CrdtEffects effects, boolean end) {
    return CrdtStreamOut.newBuilder().setStreamedMessage(CrdtStreamedMessage.newBuilder()
        .setCommandId(commandId)
        .setClientAction(Messages.replyAction(payload))
        .addAllSideEffects(effects.sideEffects())
        .setEndStream(end)).build();
  }

  private static CrdtStreamOut answer(long commandId, Optional<ClientAction> action, CrdtEffects effects,
                                      boolean streamed) {
    CrdtReply.Builder reply = CrdtReply.newBuilder()
        .setCommandId(commandId)
        .addAllSideEffects(effects.sideEffects())
        .setStreamed(streamed);
    action.ifPresent(reply::setClientAction);
    effects.stateAction().ifPresent(reply::setStateAction);
    return CrdtStreamOut.newBuilder().setReply(reply).build();
  }

  /** A message from the proxy as the scenarios compare it: no request metadata, deltas in normal form. */
  public static CrdtStreamIn comparable(CrdtStreamIn message) {
    CrdtStreamIn.Builder builder = message.toBuilder();
    switch (message.getMessageCase()) {
      case COMMAND:
        builder.setCommand(message.getCommand().toBuilder().clearMetadata());
        break;
      case INIT:
        if (message.getInit().hasDelta()) {
          builder.setInit(message.getInit().toBuilder().setDelta(CrdtDeltas.normal(message.getInit().getDelta())));
        }
        break;
      case DELTA:
        builder.setDelta(CrdtDeltas.normal(message.getDelta()));
        break;
      default:
        break;
    }
    return Payloads.canonical(builder.build());
  }

  /** A message from the user function as the scenarios compare it: deltas in normal form. */
  public static CrdtStreamOut comparable(CrdtStreamOut message) {
    CrdtStreamOut.Builder builder = message.toBuilder();
    switch (message.getMessageCase()) {
      case REPLY:
        if (message.getReply().hasStateAction()) {
          builder.getReplyBuilder().setStateAction(normal(message.getReply().getStateAction()));
        }
        break;
      case STREAM_CANCELLED_RESPONSE:
        if (message.getStreamCancelledResponse().hasStateAction()) {
          builder.getStreamCancelledResponseBuilder()
              .setStateAction(normal(message.getStreamCancelledResponse().getStateAction()));
        }
        break;
      default:
        break;
    }
    return Payloads.canonical(builder.build());
  }

  private static CrdtStateAction normal(CrdtStateAction action) {
    return action.hasUpdate() ? action.toBuilder().setUpdate(CrdtDeltas.normal(action.getUpdate())).build() : action;
  }
}
