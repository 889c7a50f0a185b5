package io.stateside.javasupport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * One gRPC method of an entity, whatever its kind: the request type it accepts, the reply type it
 * answers with, and the handler that decides the command's effect {@code E}.
 */
final class CommandRoute<S, C extends Message, E> {

  /** A kind's command handler, seen by the library. */
  @FunctionalInterface
  interface Decider<S, C, E> {
    E decide(S state, C command, CommandContext context);
  }

  private final MessageType<C> commandType;
  private final MessageType<?> replyType;
  private final Decider<S, C, E> handler;

  CommandRoute(MessageType<C> commandType, MessageType<?> replyType, Decider<S, C, E> handler) {
    this.commandType = commandType;
    this.replyType = replyType;
    this.handler = handler;
  }

  MessageType<?> replyType() {
    return replyType;
  }

  /**
   * Parses the payload and runs the handler.
   *
   * @throws RejectedCommandException if the payload is not this method's request type
   */
  E run(S state, Any payload, CommandContext context) {
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
    E effect = handler.decide(state, command, context);
    if (effect == null) {
      throw new IllegalStateException("The handler of " + context.commandName() + " returned null");
    }
    return effect;
  }

  /**
   * Checks an answer against this method: a reply must have its reply type, and a forward must go
   * to a method with the same reply type, or the client could not read what it gets.
   *
   * @throws IllegalStateException if it does not fit
   */
  void checkAnswer(String commandName, Answer answer) {
    checkAnswer(replyType, commandName, answer);
  }

  /** {@link #checkAnswer(String, Answer)} for a method whose reply type is given. */
  static void checkAnswer(MessageType<?> replyType, String commandName, Answer answer) {
    String expected = replyType.fullName();
    String actual = answer instanceof Answer.Forward forward
        ? forward.call().method().getOutputType().getFullName()
        : ((Answer.Reply) answer).message().getDescriptorForType().getFullName();
    if (!expected.equals(actual)) {
      String what = answer instanceof Answer.Forward forward
          ? "forwards to " + forward.call() + ", which returns " + actual
          : "replies with a " + actual;
      throw new IllegalStateException(commandName + " returns " + expected + " but its handler " + what);
    }
  }
}
