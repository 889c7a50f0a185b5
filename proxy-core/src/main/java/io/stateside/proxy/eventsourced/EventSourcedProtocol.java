package io.stateside.proxy.eventsourced;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.Command;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedSnapshot;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.proxy.journaled.Answer;
import io.stateside.proxy.journaled.EntityProtocol;
import io.stateside.proxy.journaled.JournalReplay;
import io.stateside.proxy.journaled.StoredEntity;
import io.stateside.proxy.telemetry.ThrottledLog;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code cloudstate.eventsourced.EventSourced}: an incarnation opens with the latest snapshot in
 * its init message, then the events after it; each reply carries the events to store.
 */
final class EventSourcedProtocol implements EntityProtocol<EventSourcedStreamIn, EventSourcedStreamOut> {

  private static final ThrottledLog log =
      new ThrottledLog(LoggerFactory.getLogger(EventSourcedProtocol.class), Duration.ofSeconds(10));

  private final EventSourced userFunction;
  private final JournalReplay replay;
  private final String serviceName;

  EventSourcedProtocol(EventSourced userFunction, JournalReplay replay, String serviceName) {
    this.userFunction = userFunction;
    this.replay = replay;
    this.serviceName = serviceName;
  }

  @Override
  public Source<EventSourcedStreamOut, NotUsed> handle(Source<EventSourcedStreamIn, NotUsed> in) {
    return userFunction.handle(in);
  }

  @Override
  public Source<EventSourcedStreamIn, NotUsed> opening(String entityId, String persistenceId, StoredEntity stored) {
    EventSourcedInit.Builder init = EventSourcedInit.newBuilder()
        .setServiceName(serviceName)
        .setEntityId(entityId);
    stored.snapshot().ifPresent(snapshot -> init.setSnapshot(EventSourcedSnapshot.newBuilder()
        .setSnapshotSequence(stored.snapshotSequenceNr())
        .setSnapshot(snapshot)));
    Source<EventSourcedStreamIn, NotUsed> events = replay
        .events(persistenceId, stored.snapshotSequenceNr() + 1, stored.highestSequenceNr())
        .map(event -> EventSourcedStreamIn.newBuilder()
            .setEvent(EventSourcedEvent.newBuilder().setSequence(event.sequenceNr()).setPayload(event.payload()))
            .build());
    return Source.single(EventSourcedStreamIn.newBuilder().setInit(init).build()).concat(events);
  }

  @Override
  public EventSourcedStreamIn command(Command command) {
    return EventSourcedStreamIn.newBuilder().setCommand(command).build();
  }

  @Override
  public Answer read(EventSourcedStreamOut message) {
    return switch (message.getMessageCase()) {
      case REPLY -> reply(message.getReply());
      case FAILURE -> new Answer.StreamFailure(message.getFailure());
      case MESSAGE_NOT_SET -> new Answer.Malformed("sent an empty message");
    };
  }

  private Answer reply(EventSourcedReply reply) {
    if (reply.getEventsCount() == 0 && reply.hasSnapshot()) {
      log.warn("snapshot-without-events", "{} sent a snapshot without events for command {}; it is ignored",
          serviceName, reply.getCommandId());
    }
    return new Answer.Reply(reply.getCommandId(), reply.getClientAction(), reply.getSideEffectsList(),
        reply.getEventsList(), reply.hasSnapshot() ? Optional.of(reply.getSnapshot()) : Optional.empty());
  }
}
