package io.stateside.proxy.eventing;

import akka.Done;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Starts tasks so that those of one key run one after the other, in the order they were
 * submitted, and those of different keys side by side, at most {@code maxRunning} at once: an
 * event source delivers the events of many entities at once, each entity's in order. A task
 * whose predecessor failed does not run (it fails the same way), so no key ever sees a later
 * task after an earlier one failed.
 *
 * <p>Tasks may be submitted well ahead of the ones running: a long run of one key's tasks then
 * waits its turn without keeping the other keys' tasks behind it from starting.
 *
 * <p>One stream stage submits; tasks complete on any thread. Keeps only the last task of each
 * key, and forgets finished ones from time to time, so it holds about as many keys as tasks
 * submitted and not yet finished.
 */
final class KeyedSequencer {

  private final Map<String, CompletableFuture<Done>> lastByKey = new HashMap<>();
  private final int maxRunning;
  private final int forgetAbove;
  /** Tasks free to start (their key's earlier tasks are done) that wait for one to finish. */
  private final Queue<Runnable> ready = new ArrayDeque<>();
  private int running;
  private boolean closed;

  /** {@code maxRunning}: the most tasks under way at once; {@code submitted}: the most submitted and not yet finished. */
  KeyedSequencer(int maxRunning, int submitted) {
    this.maxRunning = maxRunning;
    this.forgetAbove = Math.max(16, submitted * 4);
  }

  /** Called by one thread at a time: the submitting stage's. */
  CompletionStage<Done> submit(String key, Supplier<CompletionStage<Done>> task) {
    CompletableFuture<Done> previous = lastByKey.get(key);
    CompletableFuture<Done> result = new CompletableFuture<>();
    Runnable start = () -> run(task, result);
    if (previous == null || (previous.isDone() && !previous.isCompletedExceptionally())) {
      startWhenFree(start);
    } else {
      previous.whenComplete((done, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          startWhenFree(start);
        }
      });
    }
    lastByKey.put(key, result);
    if (lastByKey.size() > forgetAbove) {
      lastByKey.values().removeIf(CompletableFuture::isDone);
    }
    return result;
  }

  /**
   * Starts nothing more (tasks under way finish): the stream that submitted has ended, and the
   * next run of it delivers again from its offset, so a late start here could overtake it.
   */
  void close() {
    synchronized (this) {
      closed = true;
      ready.clear();
    }
  }

  private void startWhenFree(Runnable start) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running >= maxRunning) {
        ready.add(start);
        return;
      }
      running++;
    }
    start.run();
  }

  private void run(Supplier<CompletionStage<Done>> task, CompletableFuture<Done> result) {
    CompletionStage<Done> stage;
    try {
      stage = task.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((done, error) -> {
      // The finished task's place goes to the next ready one, or is given back, before its key's
      // next task hears of it: that one queues behind the tasks already waiting.
      Runnable next;
      synchronized (this) {
        next = ready.poll();
        if (next == null) {
          running--;
        }
      }
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(done);
      }
      if (next != null) {
        next.run();
      }
    });
  }
}
