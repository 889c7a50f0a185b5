package io.stateside.proxy.crdt;

import akka.NotUsed;
import akka.stream.BoundedSourceQueue;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Source;
import io.stateside.protocol.internal.EntityReply;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client's side of one streamed CRDT call: the entity offers replies, the client's stream
 * takes them, and the entity learns when the client has gone (cancelled, or the stream ended).
 * Thread-safe: the entity offers from its actor, the stream ends on its own.
 */
final class StreamedReplies {

  private final BoundedSourceQueue<EntityReply> queue;
  private final CompletableFuture<Void> gone = new CompletableFuture<>();

  private StreamedReplies(BoundedSourceQueue<EntityReply> queue) {
    this.queue = queue;
  }

  /**
   * A stream of replies that, once materialized, hands its {@code StreamedReplies} to
   * {@code opened}; {@code capacity} replies may wait for a slow client.
   */
  static Source<EntityReply, NotUsed> source(int capacity, Consumer<StreamedReplies> opened) {
    return Source.<EntityReply>queue(capacity)
        .mapMaterializedValue(StreamedReplies::new)
        .watchTermination((replies, done) -> {
          done.whenComplete((ok, error) -> replies.gone.complete(null));
          opened.accept(replies);
          return NotUsed.getInstance();
        });
  }

  /** What became of an offered reply. */
  enum Offered { TAKEN, FULL, GONE }

  Offered offer(EntityReply reply) {
    QueueOfferResult result = queue.offer(reply);
    if (result.isEnqueued()) {
      return Offered.TAKEN;
    }
    return result == QueueOfferResult.dropped() ? Offered.FULL : Offered.GONE;
  }

  /** Ends the client's stream after what it holds; nothing happens if it is over already. */
  void complete() {
    try {
      queue.complete();
    } catch (IllegalStateException alreadyOver) {
      // The client left, or the stream was ended before: nothing to end.
    }
  }

  /** Fails the client's stream; nothing happens if it is over already. */
  void fail(Throwable error) {
    try {
      queue.fail(error);
    } catch (IllegalStateException alreadyOver) {
      // As in complete().
    }
  }

  /** Runs {@code then} once the client's stream is over, at once if it already is. */
  void whenGone(Runnable then) {
    gone.thenRun(then);
  }
}
