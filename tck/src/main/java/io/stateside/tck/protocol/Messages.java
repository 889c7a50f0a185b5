package io.stateside.tck.protocol;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Command;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Reply;
import io.stateside.protocol.SideEffect;

/** Protocol messages every entity type shares, built the way scenarios expect them. */
public final class Messages {

  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  private Messages() {}

  public static Any pack(Message message) {
    return Any.newBuilder()
        .setTypeUrl(TYPE_URL_PREFIX + message.getDescriptorForType().getFullName())
        .setValue(message.toByteString())
        .build();
  }

  public static Command command(long id, String entityId, String name, Message payload) {
    return Command.newBuilder().setId(id).setEntityId(entityId).setName(name).setPayload(pack(payload)).build();
  }

  public static ClientAction replyAction(Message payload) {
    return ClientAction.newBuilder().setReply(Reply.newBuilder().setPayload(pack(payload))).build();
  }

  public static ClientAction forwardAction(String service, String command, Message payload) {
    return ClientAction.newBuilder()
        .setForward(Forward.newBuilder().setServiceName(service).setCommandName(command).setPayload(pack(payload)))
        .build();
  }

  public static ClientAction failureAction(long commandId, String description, boolean restart) {
    return ClientAction.newBuilder()
        .setFailure(Failure.newBuilder().setCommandId(commandId).setDescription(description).setRestart(restart))
        .build();
  }

  public static SideEffect sideEffect(String service, String command, Message payload, boolean synchronous) {
    return SideEffect.newBuilder()
        .setServiceName(service)
        .setCommandName(command)
        .setPayload(pack(payload))
        .setSynchronous(synchronous)
        .build();
  }
}
