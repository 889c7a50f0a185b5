package io.stateside.javasupport;

import com.google.protobuf.Message;

/**
 * Handles a unary command of a {@link CrdtEntity}: changes the CRDT in place through the context
 * and answers as an action does ({@link ActionEffect}: reply, forward, fail or no reply, with side
 * effects). A failure or an exception rolls back the command's changes to the CRDT.
 *
 * @param <C> the command (the gRPC method's request message)
 * @param <R> the reply (the gRPC method's response message)
 */
@FunctionalInterface
public interface CrdtCommandHandler<C extends Message, R extends Message> {

  /**
   * Handles one command.
   *
   * @param command the request message
   * @param context the entity's CRDT and facts about the command
   * @return how to answer; never null
   */
  ActionEffect<R> handle(C command, CrdtContext context);
}
