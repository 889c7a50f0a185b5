package io.stateside.proxy.crdt;

import akka.Done;
import akka.NotUsed;
import akka.actor.ActorRef;
import akka.actor.NoSerializationVerificationNeeded;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * One incarnation's {@code handle} stream to the user function. What the user function says
 * reaches the entity tagged with the incarnation, so that a discarded stream's late messages are
 * recognised and ignored.
 */
final class CrdtStream {

  record Received(int incarnation, CrdtStreamOut message) implements NoSerializationVerificationNeeded {}

  record Closed(int incarnation, Optional<Throwable> failure) implements NoSerializationVerificationNeeded {}

  private final BoundedSourceQueue<CrdtStreamIn> in;
  private final UniqueKillSwitch killSwitch;

  CrdtStream(Function<Source<CrdtStreamIn, NotUsed>, Source<CrdtStreamOut, NotUsed>> handle,
      Materializer materializer, int incarnation, int capacity, ActorRef entity) {
    Pair<BoundedSourceQueue<CrdtStreamIn>, Source<CrdtStreamIn, NotUsed>> queue =
        Source.<CrdtStreamIn>queue(capacity).preMaterialize(materializer);
    this.in = queue.first();
    Pair<UniqueKillSwitch, CompletionStage<Done>> running = handle.apply(queue.second())
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.foreach(message -> entity.tell(new Received(incarnation, message), ActorRef.noSender())), Keep.both())
        .run(materializer);
    this.killSwitch = running.first();
    running.second().whenComplete((done, error) ->
        entity.tell(new Closed(incarnation, Optional.ofNullable(error)), ActorRef.noSender()));
  }

  /**
   * False when the stream cannot take the message: full (more outstanding messages than the
   * entity allows itself) or already over, in which case its {@link Closed} is on the way.
   */
  boolean send(CrdtStreamIn message) {
    return in.offer(message).isEnqueued();
  }

  /** Ends our side in order: the user function sees the stream complete. */
  void close() {
    in.complete();
  }

  /** Tears the stream down at once, for an incarnation that is being discarded. */
  void abort() {
    killSwitch.shutdown();
  }
}
