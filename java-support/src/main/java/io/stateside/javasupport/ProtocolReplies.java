package io.stateside.javasupport;

import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Reply;
import java.util.List;

/** The parts of a reply every entity protocol shares: the client action and the side effects. */
final class ProtocolReplies {

  private ProtocolReplies() {}

  static ClientAction clientAction(Answer answer) {
    if (answer instanceof Answer.Forward forward) {
      ServiceCall call = forward.call();
      return ClientAction.newBuilder().setForward(Forward.newBuilder()
          .setServiceName(call.serviceName())
          .setCommandName(call.methodName())
          .setPayload(MessageType.pack(call.payload()))).build();
    }
    return ClientAction.newBuilder()
        .setReply(Reply.newBuilder().setPayload(MessageType.pack(((Answer.Reply) answer).message())))
        .build();
  }

  /** A client action that carries reply metadata, sent only when it has entries (as other libraries do). */
  static ClientAction clientAction(Answer answer, Metadata replyMetadata) {
    ClientAction action = clientAction(answer);
    io.stateside.protocol.Metadata metadata = replyMetadata.toProtocol();
    if (!action.hasReply() || metadata.getEntriesCount() == 0) {
      return action;
    }
    return action.toBuilder().setReply(action.getReply().toBuilder().setMetadata(metadata)).build();
  }

  static ClientAction failure(long commandId, String description) {
    return ClientAction.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(commandId).setDescription(description))
        .build();
  }

  static List<io.stateside.protocol.SideEffect> sideEffects(List<SideEffect> sideEffects) {
    return sideEffects.stream()
        .map(sideEffect -> io.stateside.protocol.SideEffect.newBuilder()
            .setServiceName(sideEffect.call().serviceName())
            .setCommandName(sideEffect.call().methodName())
            .setPayload(MessageType.pack(sideEffect.call().payload()))
            .setSynchronous(sideEffect.synchronous())
            .build())
        .toList();
  }
}
