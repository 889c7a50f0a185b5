package io.stateside.proxy.journaled;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.Command;

/**
 * How one journaled kind talks to the user function: the kind's {@code handle} stream, what a
 * new incarnation sends before its first command, and how the user function's messages read.
 * {@link JournaledEntity} does everything else the same way for every such kind.
 *
 * @param <In> the kind's stream-in message
 * @param <Out> the kind's stream-out message
 */
public interface EntityProtocol<In, Out> {

  /** Opens one incarnation's stream. */
  Source<Out, NotUsed> handle(Source<In, NotUsed> in);

  /**
   * The messages that load the entity into the user function (the init message first), sent as
   * the user function takes them. Once it has taken them all, it owes answers.
   */
  Source<In, NotUsed> opening(String entityId, String persistenceId, StoredEntity stored);

  In command(Command command);

  Answer read(Out message);
}
