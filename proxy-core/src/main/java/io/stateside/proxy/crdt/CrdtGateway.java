package io.stateside.proxy.crdt;

import akka.NotUsed;
import akka.actor.ActorRef;
import akka.pattern.Patterns;
import akka.stream.javadsl.Source;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.protocol.concurrent.PlainFutures;
import io.stateside.proxy.entity.EntityGateway;
import io.stateside.proxy.entity.StreamHeader;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The calls of one CRDT service, to the entities on this node. A streamed call (server
 * streaming) stays open after the entity's first reply for as long as the user function streams
 * and the client listens; its deadline applies to that first reply only, since a subscription
 * to changes has no natural end.
 */
final class CrdtGateway implements EntityGateway {

  private final ActorRef entities;
  private final int streamBuffer;

  CrdtGateway(ActorRef entities, int streamBuffer) {
    this.entities = entities;
    this.streamBuffer = streamBuffer;
  }

  @Override
  public CompletionStage<EntityReply> send(EntityCommand command, Duration timeout) {
    return PlainFutures.of(Patterns.ask(entities, command, timeout)).thenApply(EntityReply.class::cast);
  }

  @Override
  public Source<EntityReply, NotUsed> stream(StreamHeader header, Source<EntityCommand, NotUsed> commands, Duration timeout) {
    // One message in. Read to the client's half-close rather than cut short: cancelling the
    // request body would make akka-http reset the call.
    return commands.reduce((only, extra) -> only)
        .flatMapConcat(command -> StreamedReplies.source(streamBuffer,
                replies -> entities.tell(new CrdtEntity.StreamedCommand(command, replies), ActorRef.noSender()))
            .initialTimeout(timeout));
  }
}
