package io.stateside.proxy.entity;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Delivers the calls of one service to its entities, wherever they live. Every call can be seen
 * as a stream of commands answered by a stream of replies; a unary call, by far the most common,
 * is one command and one reply and takes the direct path.
 */
public interface EntityGateway {

  /**
   * Sends the command to its entity and completes with the entity's reply; fails with
   * {@link java.util.concurrent.TimeoutException} when no reply comes within the timeout.
   */
  CompletionStage<EntityReply> send(EntityCommand command, Duration timeout);

  /**
   * A streamed call: the client's messages as commands, in order, and the entity's replies as
   * they come, until either side ends. Only kinds whose rules allow a streamed shape get one.
   * Unless a kind streams natively, each command is sent on its own, in order, once the one
   * before it is answered; such a kind needs nothing from the header.
   */
  default Source<EntityReply, NotUsed> stream(
      StreamHeader header, Source<EntityCommand, NotUsed> commands, Duration timeout) {
    return commands.mapAsync(1, command -> send(command, timeout));
  }
}
