package io.stateside.proxy.eventing;

import akka.Done;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Starts tasks so that those of one key run one after the other, in the order they were
 * submitted, and those of different keys side by side: an event source delivers the events of
 * many entities at once, each entity's in order. A task whose predecessor failed does not run
 * (it fails the same way), so no key ever sees a later task after an earlier one failed.
 *
 * <p>Not thread-safe: one stream stage submits. Keeps only the last task of each key, and
 * forgets finished ones from time to time, so it holds about as many keys as tasks in flight.
 */
final class KeyedSequencer {

  private final Map<String, CompletableFuture<Done>> lastByKey = new HashMap<>();
  private final int forgetAbove;

  /** {@code inFlight}: the most tasks its user keeps under way at once. */
  KeyedSequencer(int inFlight) {
    this.forgetAbove = Math.max(16, inFlight * 4);
  }

  CompletionStage<Done> submit(String key, Supplier<CompletionStage<Done>> task) {
    CompletableFuture<Done> previous = lastByKey.get(key);
    CompletableFuture<Done> next = previous == null || (previous.isDone() && !previous.isCompletedExceptionally())
        ? task.get().toCompletableFuture()
        : previous.thenCompose(done -> task.get());
    lastByKey.put(key, next);
    if (lastByKey.size() > forgetAbove) {
      lastByKey.values().removeIf(CompletableFuture::isDone);
    }
    return next;
  }
}
