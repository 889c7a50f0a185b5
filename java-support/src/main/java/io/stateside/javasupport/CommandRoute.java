package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/** One gRPC method of an entity: the request type it accepts and the handler that runs it. */
final class CommandRoute<S, C extends Message, R extends Message> {

  private final MessageType<C> commandType;
  private final CommandHandler<S, C, R> handler;

  CommandRoute(MessageType<C> commandType, CommandHandler<S, C, R> handler) {
    this.commandType = commandType;
    this.handler = handler;
  }

  /**
   * Parses the payload and runs the handler.
   *
   * @throws RejectedCommandException if the payload is not this method's request type
   */
  Effect<R> run(S state, Any payload, CommandContext context) {
    if (!commandType.matches(payload)) {
      throw new RejectedCommandException(
          context.commandName() + " expects " + commandType.fullName() + ", got " + payload.getTypeUrl());
    }
    C command;
    try {
      command = commandType.parse(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new RejectedCommandException("Malformed " + commandType.fullName() + ": " + e.getMessage());
    }
    Effect<R> effect = handler.handle(state, command, context);
    if (effect == null) {
      throw new IllegalStateException("The handler of " + context.commandName() + " returned null");
    }
    return effect;
  }
}
