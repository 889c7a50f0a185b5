package io.stateside.proxy.journaled;

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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One incarnation's {@code handle} stream to the user function. It connects at once, while the
 * journal loads; the opening messages (the init message, then whatever the kind replays) go first,
 * as the user function pulls them, then the commands. Everything the stream says reaches the entity actor tagged with the
 * incarnation, so that what a dead incarnation says late is recognised and ignored.
 */
final class UserFunctionStream<In, Out> {

  /** A message from the user function. */
  record Received(int incarnation, Object message) implements NoSerializationVerificationNeeded {}

  /** The user function has taken every opening message: from now on it owes answers. */
  record OpeningTaken(int incarnation, long messages) implements NoSerializationVerificationNeeded {}

  /** The stream is over: ended by the user function, or failed. */
  record Closed(int incarnation, Optional<Throwable> failure) implements NoSerializationVerificationNeeded {}

  private final int incarnation;
  private final CompletableFuture<Source<In, NotUsed>> start = new CompletableFuture<>();
  private final BoundedSourceQueue<In> commands;
  private final UniqueKillSwitch killSwitch;

  /** {@code capacity}: how many commands may wait in the stream, behind the opening. */
  UserFunctionStream(EntityProtocol<In, Out> protocol, Materializer materializer, int incarnation, int capacity, ActorRef entity) {
    this.incarnation = incarnation;
    Pair<BoundedSourceQueue<In>, Source<In, NotUsed>> queue =
        Source.<In>queue(capacity).preMaterialize(materializer);
    this.commands = queue.first();
    AtomicLong taken = new AtomicLong();
    Source<In, NotUsed> opening = Source.completionStageSource(start)
        .map(message -> {
          taken.incrementAndGet();
          return message;
        })
        .watchTermination((notUsed, done) -> done.thenRun(() ->
            entity.tell(new OpeningTaken(incarnation, taken.get()), ActorRef.noSender())))
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        protocol.handle(opening.concat(queue.second()))
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

  /** The journal is loaded: send these messages, then the commands. */
  void start(Source<In, NotUsed> opening) {
    start.complete(opening);
  }

  /**
   * False only when the stream is full, which the entity's pipeline depth rules out. A stream
   * that is already over drops the command silently: its {@link Closed} is on the way, and it
   * deals with every command sent.
   */
  boolean send(In command) {
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
