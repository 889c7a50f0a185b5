package io.stateside.javasupport;

import com.google.protobuf.Message;

/**
 * Decides what a command of a {@link ValueEntity} does, given the entity's current state.
 *
 * <p>It must not change the state object (protobuf messages cannot be changed anyway): it returns
 * a {@link ValueEffect} that says what to store and how to answer. It may throw; the caller then
 * gets a failure and the entity keeps its state.
 *
 * @param <S> the entity's state type
 * @param <C> the command (the gRPC method's request message)
 * @param <R> the reply (the gRPC method's response message)
 */
@FunctionalInterface
public interface ValueCommandHandler<S extends Message, C extends Message, R extends Message> {

  /**
   * Handles one command.
   *
   * @param state the current state: the stored one, or the initial state if none is stored
   * @param command the request message
   * @param context facts about the command, such as the entity id and the request metadata
   * @return what to do; never null
   */
  ValueEffect<R> handle(S state, C command, CommandContext context);
}
