package io.stateside.javasupport;

import com.google.protobuf.Message;

/**
 * Handles a server-streaming command of a {@link CrdtEntity}: like a {@link CrdtCommandHandler},
 * and it may keep the call open to stream messages as the CRDT changes (see
 * {@link CrdtStreamedContext}). The effect it returns is the first message of the stream (or none,
 * with {@link ActionEffect#noReply()}).
 *
 * @param <C> the command (the gRPC method's request message)
 * @param <R> the type of the messages streamed to the client
 */
@FunctionalInterface
public interface CrdtStreamedCommandHandler<C extends Message, R extends Message> {

  /**
   * Handles one command.
   *
   * @param command the request message
   * @param context the entity's CRDT, facts about the command, and the stream's callbacks
   * @return the first message, or no reply; never null
   */
  ActionEffect<R> handle(C command, CrdtStreamedContext<R> context);
}
