package io.stateside.javasupport;

import com.google.protobuf.Message;

/**
 * Decides what a command does, given the entity's current state.
 *
 * <p>A command handler must not change the state: it returns an {@link Effect} that says which
 * events to emit and how to answer. It may throw; the caller then gets a failure and the entity
 * keeps its state.
 *
 * @param <S> the entity's state type
 * @param <C> the command (the gRPC method's request message)
 * @param <R> the reply (the gRPC method's response message)
 */
@FunctionalInterface
public interface CommandHandler<S, C extends Message, R extends Message> {

  /**
   * Handles one command.
   *
   * @param state the current state, after every event emitted so far
   * @param command the request message
   * @param context facts about the command, such as the entity id
   * @return what to do; never null
   */
  Effect<R> handle(S state, C command, CommandContext context);
}
