package io.stateside.proxy.crdt;

import io.stateside.protocol.internal.EntityReply;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed call as its entity sees it: its first reply may wait for a replicator write while
 * the user function already streams more, so what comes before the first reply is delivered is
 * held, and the client gets everything in the order the user function said it. Owned by the
 * entity's actor; not thread-safe.
 */
final class StreamedCall {

  private final StreamedReplies replies;
  private boolean firstDelivered;
  private final List<EntityReply> held = new ArrayList<>();
  private boolean endHeld;
  /** The client left before the user function's first reply, which then must be told. */
  private boolean clientGoneEarly;

  StreamedCall(StreamedReplies replies) {
    this.replies = replies;
  }

  StreamedReplies replies() {
    return replies;
  }

  void clientGoneEarly() {
    clientGoneEarly = true;
  }

  boolean isClientGoneEarly() {
    return clientGoneEarly;
  }

  /** The answer to the command itself; {@code end}: the user function does not stream. */
  void deliverFirst(EntityReply reply, boolean end) {
    firstDelivered = true;
    boolean fits = replies.offer(reply) != StreamedReplies.Offered.FULL;
    for (EntityReply later : held) {
      fits = fits && replies.offer(later) != StreamedReplies.Offered.FULL;
    }
    held.clear();
    if (!fits) {
      overflow();
    } else if (end || endHeld) {
      replies.complete();
    }
  }

  /**
   * A message the user function streamed. A client that cannot keep up has its call ended; one
   * that has gone is told nothing (the entity hears of it on its own).
   */
  void deliver(EntityReply reply) {
    if (!firstDelivered) {
      held.add(reply);
    } else if (replies.offer(reply) == StreamedReplies.Offered.FULL) {
      overflow();
    }
  }

  /** The user function ended the stream. */
  void end() {
    if (firstDelivered) {
      replies.complete();
    } else {
      endHeld = true;
    }
  }

  /** Ends the call with this answer, whatever was held: the entity cannot go on with it. */
  void abandon(EntityReply reply) {
    held.clear();
    replies.offer(reply);
    replies.complete();
  }

  private void overflow() {
    replies.fail(io.grpc.Status.RESOURCE_EXHAUSTED
        .withDescription("the client reads the stream more slowly than the entity's changes arrive")
        .asRuntimeException());
  }
}
