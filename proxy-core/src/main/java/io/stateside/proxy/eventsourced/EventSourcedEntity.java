package io.stateside.proxy.eventsourced;

import akka.NotUsed;
import akka.actor.AbstractActorWithTimers;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.PoisonPill;
import akka.actor.Props;
import akka.actor.Terminated;
import akka.cluster.sharding.ShardRegion;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import io.stateside.protocol.ClientAction;
import io.stateside.protocol.Command;
import io.stateside.protocol.Failure;
import io.stateside.protocol.eventsourced.EventSourcedClient;
import io.stateside.protocol.eventsourced.EventSourcedEvent;
import io.stateside.protocol.eventsourced.EventSourcedInit;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedSnapshot;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.internal.EntityCommand;
import io.stateside.protocol.internal.EntityReply;
import io.stateside.protocol.internal.EntityUnavailable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active event-sourced entity. It holds the entity's stream to the user function, feeds
 * it the replayed journal, then the commands in arrival order, one at a time, and answers each
 * caller only once the events of that command are durable.
 *
 * <p>Anything that leaves the entity in doubt (the stream ends or breaks, the user function
 * answers out of protocol or too late, the journal fails) answers every waiting caller with
 * "unavailable" and stops the entity; the next command starts it afresh from the journal.
 */
final class EventSourcedEntity extends AbstractActorWithTimers {

  private static final Logger log = LoggerFactory.getLogger(EventSourcedEntity.class);

  /** Configuration shared by all entities of one service. */
  record Settings(
      String serviceName,
      String persistenceIdPrefix,
      EventSourcedClient userFunction,
      int streamBuffer,
      Duration userFunctionTimeout) {}

  private record Waiting(EntityCommand command, ActorRef caller) {}

  private record StreamEnded() implements NoSerializationVerificationNeeded {}

  private record StreamFailed(Throwable cause) implements NoSerializationVerificationNeeded {}

  private record AnswerOverdue(long commandId) implements NoSerializationVerificationNeeded {}

  private final Settings settings;
  private final String entityId;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final Replay replay = new Replay();
  private BoundedSourceQueue<EventSourcedStreamIn> toUserFunction;
  private ActorRef journal;
  private boolean recovered;
  private long lastCommandId;
  /** The command the user function is working on, or whose events are being stored. */
  private Waiting inFlight;
  private EntityReply pendingReply;

  private EventSourcedEntity(Settings settings) {
    this.settings = settings;
    this.entityId = URLDecoder.decode(self().path().name(), StandardCharsets.UTF_8);
  }

  static Props props(Settings settings) {
    return Props.create(EventSourcedEntity.class, () -> new EventSourcedEntity(settings));
  }

  @Override
  public void preStart() {
    Pair<BoundedSourceQueue<EventSourcedStreamIn>, Source<EventSourcedStreamIn, NotUsed>> queue =
        Source.<EventSourcedStreamIn>queue(settings.streamBuffer()).preMaterialize(Materializer.matFromSystem(context().system()));
    toUserFunction = queue.first();
    ActorRef self = self();
    settings.userFunction().handle(queue.second())
        .runWith(Sink.foreach(message -> self.tell(message, ActorRef.noSender())), Materializer.matFromSystem(context().system()))
        .whenComplete((done, error) -> self.tell(error == null ? new StreamEnded() : new StreamFailed(error), ActorRef.noSender()));
    journal = context().actorOf(
        EntityJournal.props(settings.persistenceIdPrefix() + "|" + entityId, settings.persistenceIdPrefix(), replay),
        "journal");
    context().watch(journal);
  }

  @Override
  public void postStop() {
    closeStream();
  }

  private void closeStream() {
    try {
      toUserFunction.complete();
    } catch (IllegalStateException alreadyEnded) {
      // The stream ended first (that may be why the entity stops): nothing left to close.
    }
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(EntityCommand.class, this::onCommand)
        .match(EventSourcedStreamOut.class, this::onUserFunction)
        .match(EntityJournal.Recovered.class, done -> {
          replay.sendInit(Optional.empty());
          recovered = true;
          sendNext();
        })
        .match(EntityJournal.Persisted.class, done -> answerInFlight())
        .match(EntityJournal.JournalFailed.class, failed -> failAll(failed.reason()))
        .match(Terminated.class, t -> failAll("the entity's journal stopped"))
        .match(StreamEnded.class, ended -> failAll("the user function closed the entity's stream"))
        .match(StreamFailed.class, failed -> failAll("the user function's stream failed: " + failed.cause().getMessage()))
        .match(AnswerOverdue.class, overdue -> {
          if (inFlight != null && overdue.commandId() == lastCommandId && pendingReply == null) {
            failAll("the user function did not answer within " + settings.userFunctionTimeout());
          }
        })
        .build();
  }

  private void onCommand(EntityCommand command) {
    waiting.add(new Waiting(command, sender()));
    sendNext();
  }

  private void sendNext() {
    if (!recovered || inFlight != null || waiting.isEmpty()) {
      return;
    }
    inFlight = waiting.poll();
    lastCommandId++;
    EntityCommand command = inFlight.command();
    push(EventSourcedStreamIn.newBuilder().setCommand(Command.newBuilder()
        .setEntityId(entityId)
        .setId(lastCommandId)
        .setName(command.getName())
        .setPayload(command.getPayload())
        .setMetadata(command.getMetadata()))
        .build());
    timers().startSingleTimer("answer-overdue", new AnswerOverdue(lastCommandId), settings.userFunctionTimeout());
  }

  private void onUserFunction(EventSourcedStreamOut message) {
    switch (message.getMessageCase()) {
      case REPLY -> onReply(message.getReply());
      case FAILURE -> onFailure(message.getFailure());
      default -> failAll("the user function sent an empty message");
    }
  }

  private void onReply(EventSourcedReply reply) {
    if (inFlight == null || pendingReply != null || reply.getCommandId() != lastCommandId) {
      failAll("the user function answered command " + reply.getCommandId() + " but "
          + (inFlight == null || pendingReply != null ? "none was waiting" : "command " + lastCommandId + " was"));
      return;
    }
    timers().cancel("answer-overdue");
    ClientAction action = reply.getClientAction();
    if (action.hasFailure() && action.getFailure().getRestart()) {
      // Its events are dropped: the user function state that produced them is discarded too.
      restart(action.getFailure());
      return;
    }
    pendingReply = EntityReply.newBuilder().setAction(action).addAllSideEffects(reply.getSideEffectsList()).build();
    if (reply.getEventsCount() == 0) {
      if (reply.hasSnapshot()) {
        log.warn("Entity '{}' of {} sent a snapshot without events; it is ignored", entityId, settings.serviceName());
      }
      answerInFlight();
    } else {
      journal.tell(new EntityJournal.Persist(reply.getEventsList(),
          reply.hasSnapshot() ? Optional.of(reply.getSnapshot()) : Optional.empty()), self());
    }
  }

  private void onFailure(Failure failure) {
    if (inFlight == null || pendingReply != null || failure.getCommandId() != lastCommandId) {
      failAll("the user function failed" + (failure.getCommandId() == 0 ? "" : " command " + failure.getCommandId())
          + ": " + failure.getDescription());
      return;
    }
    timers().cancel("answer-overdue");
    if (failure.getRestart()) {
      restart(failure);
      return;
    }
    pendingReply = EntityReply.newBuilder().setAction(ClientAction.newBuilder().setFailure(failure)).build();
    answerInFlight();
  }

  private void answerInFlight() {
    inFlight.caller().tell(pendingReply, self());
    inFlight = null;
    pendingReply = null;
    sendNext();
  }

  /** The user function asked to start over: the caller gets its failure, the rest a retryable error. */
  private void restart(Failure failure) {
    log.info("Entity '{}' of {} restarts at the user function's request: {}", entityId, settings.serviceName(),
        failure.getDescription());
    Waiting failed = inFlight;
    inFlight = null;
    failAll("the entity restarted");
    failed.caller().tell(EntityReply.newBuilder().setAction(ClientAction.newBuilder().setFailure(failure)).build(), self());
  }

  /**
   * Asks the shard to stop the entity, then answers every waiting caller with "unavailable".
   * Going through the shard (rather than stopping at once) makes it hold back commands sent from
   * now on and hand them to the next incarnation, which loads the entity afresh from the journal;
   * telling the shard before answering anyone means no caller can get its answer and send its
   * next command before the shard knows.
   */
  private void failAll(String reason) {
    context().parent().tell(new ShardRegion.Passivate(PoisonPill.getInstance()), self());
    getContext().become(stopping(reason));
    timers().cancelAll();
    context().unwatch(journal);
    context().stop(journal);
    closeStream();
    int callers = waiting.size() + (inFlight == null ? 0 : 1);
    log.warn("Entity '{}' of {} restarts, {} waiting caller(s) get UNAVAILABLE: {}",
        entityId, settings.serviceName(), callers, reason);
    EntityReply unavailable = unavailable(reason);
    if (inFlight != null) {
      inFlight.caller().tell(unavailable, self());
      inFlight = null;
    }
    waiting.forEach(w -> w.caller().tell(unavailable, self()));
    waiting.clear();
  }

  /** Commands that reached the entity before the shard knew it was stopping get the same error. */
  private Receive stopping(String reason) {
    return receiveBuilder()
        .match(EntityCommand.class, command -> sender().tell(unavailable(reason), self()))
        .matchAny(ignored -> {})
        .build();
  }

  private static EntityReply unavailable(String reason) {
    return EntityReply.newBuilder().setUnavailable(EntityUnavailable.newBuilder().setDescription(reason)).build();
  }

  private void push(EventSourcedStreamIn message) {
    QueueOfferResult result = toUserFunction.offer(message);
    if (result != QueueOfferResult.enqueued()) {
      throw new IllegalStateException("entity stream to the user function refused a message: " + result
          + " (stateside.proxy.entity-stream-buffer may be too small)");
    }
  }

  /**
   * Sends the replayed journal down the stream. The journal calls it during replay; the entity
   * once after, which the journal's {@code Recovered} message orders after the replay.
   */
  private final class Replay implements EntityJournal.ReplaySink {
    private boolean initSent;

    @Override
    public void snapshot(long sequenceNr, Any snapshot) {
      sendInit(Optional.of(EventSourcedSnapshot.newBuilder().setSnapshotSequence(sequenceNr).setSnapshot(snapshot).build()));
    }

    @Override
    public void event(long sequenceNr, Any event) {
      sendInit(Optional.empty());
      push(EventSourcedStreamIn.newBuilder()
          .setEvent(EventSourcedEvent.newBuilder().setSequence(sequenceNr).setPayload(event))
          .build());
    }

    void sendInit(Optional<EventSourcedSnapshot> snapshot) {
      if (initSent) {
        return;
      }
      initSent = true;
      EventSourcedInit.Builder init = EventSourcedInit.newBuilder()
          .setServiceName(settings.serviceName())
          .setEntityId(entityId);
      snapshot.ifPresent(init::setSnapshot);
      push(EventSourcedStreamIn.newBuilder().setInit(init).build());
    }
  }
}
