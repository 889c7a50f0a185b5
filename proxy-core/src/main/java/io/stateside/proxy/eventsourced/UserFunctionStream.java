package io.stateside.proxy.eventsourced;

import akka.Done;
import akka.NotUsed;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One incarnation's {@code handle} stream to the user function. It connects at once, while the
 * journal loads; the init message and the replayed events go first, as the user function pulls
 * them, then the commands. Everything the stream says reaches the entity actor tagged with the
 * incarnation, so that what a dead incarnation says late is recognised and ignored.
 */
final class UserFunctionStream {

  /** A message from the user function. */
  record Received(int incarnation, EventSourcedStreamOut message) implements NoSerializationVerificationNeeded {}

  /** The user function has taken every replayed event: from now on it owes answers. */
  record ReplayTaken(int incarnation) implements NoSerializationVerificationNeeded {}

  /** The stream is over: ended by the user function, or failed. */
  record Closed(int incarnation, Optional<Throwable> failure) implements NoSerializationVerificationNeeded {}

  private final int incarnation;
  private final CompletableFuture<Source<EventSourcedStreamIn, NotUsed>> start = new CompletableFuture<>();
  private final BoundedSourceQueue<EventSourcedStreamIn> commands;
  private final UniqueKillSwitch killSwitch;

  /** {@code capacity}: how many commands may wait in the stream, behind the replay. */
  UserFunctionStream(EventSourced client, Materializer materializer, int incarnation, int capacity, ActorRef entity) {
    this.incarnation = incarnation;
    Pair<BoundedSourceQueue<EventSourcedStreamIn>, Source<EventSourcedStreamIn, NotUsed>> queue =
        Source.<EventSourcedStreamIn>queue(capacity).preMaterialize(materializer);
    this.commands = queue.first();
    Source<EventSourcedStreamIn, NotUsed> initAndReplay = Source.completionStageSource(start)
        .watchTermination((notUsed, done) -> done.thenRun(() -> entity.tell(new ReplayTaken(incarnation), ActorRef.noSender())))
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        client.handle(initAndReplay.concat(queue.second()))
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.foreach(message -> entity.tell(new Received(incarnation, message), ActorRef.noSender())), Keep.both())
            .run(materializer);
    this.killSwitch = running.first();
    running.second().whenComplete((done, error) ->
        entity.tell(new Closed(incarnation, Optional.ofNullable(error)), ActorRef.noSender()));
  }

  int incarnation() {
    return incarnation;
  }

  /** The journal is loaded: send the init message, then these events. */
  void start(EventSourcedStreamIn init, Source<EventSourcedStreamIn, NotUsed> replay) {
    start.complete(Source.single(init).concat(replay));
  }

  /**
   * False only when the stream is full, which the entity's pipeline depth rules out. A stream
   * that is already over drops the command silently: its {@link Closed} is on the way, and it
   * deals with every command sent.
   */
  boolean send(EventSourcedStreamIn command) {
    return commands.offer(command) != QueueOfferResult.dropped();
  }

  /** Ends our side of the stream in order: the user function sees it complete. */
  void close() {
    start.complete(Source.empty());
    try {
      commands.complete();
    } catch (IllegalStateException alreadyOver) {
      // The user function ended the stream first: nothing left to close.
    }
  }

  /** Tears the stream down at once, for an incarnation that is being discarded. */
  void abort() {
    start.complete(Source.empty());
    killSwitch.shutdown();
  }
}
