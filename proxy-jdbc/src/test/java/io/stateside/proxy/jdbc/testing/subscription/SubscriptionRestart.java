package io.stateside.proxy.jdbc.testing.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import akka.persistence.query.NoOffset;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.query.javadsl.CurrentEventsByTagQuery;
import akka.projection.ProjectionId;
import akka.stream.javadsl.Sink;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.jdbc.testing.CounterCalls;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.JavaCounterWithSubscriber;
import io.stateside.proxy.testing.JavaCounterWithSubscriber.Received;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A subscription stopped with its proxy and started again with the next proxy on the same store
 * goes on after the offset it saved: once the offset is past every event, the next proxy
 * delivers only the events written after, each once, each counter's in order.
 */
public final class SubscriptionRestart {

  private static final String TAG = "counter";
  private static final int COUNTERS = 10;
  private static final Duration LIMIT = Duration.ofSeconds(90);

  private SubscriptionRestart() {
  }

  /**
   * @param start starts a proxy on the store, given the user function's port
   * @param stop stops it gracefully
   * @param committedOffset the offset a subscription saved, read from the store of a running proxy
   */
  public static void run(IntFunction<StatesideProxy> start, Consumer<StatesideProxy> stop,
      BiFunction<StatesideProxy, ProjectionId, Optional<Offset>> committedOffset, ActorSystem clientSystem) {
    try (JavaCounterWithSubscriber userFunction = new JavaCounterWithSubscriber(0)) {
      StatesideProxy first = start.apply(userFunction.port());
      try (CounterCalls calls = new CounterCalls(first, clientSystem)) {
        increaseAll(calls, 3);
        Await.until("the first events are delivered", LIMIT, () -> userFunction.receivedCount() >= COUNTERS * 3);
        Offset last = lastOffset(first.system());
        Await.until("the subscription saved the offset of the last event, " + last, LIMIT, () ->
            committedOffset.apply(first, SubscriptionCrash.SUBSCRIPTION).equals(Optional.of(last)));
      } finally {
        stop.accept(first);
      }
      assertEquals(COUNTERS * 3, userFunction.receivedCount(), "each event once before the stop");

      StatesideProxy second = start.apply(userFunction.port());
      try (CounterCalls calls = new CounterCalls(second, clientSystem)) {
        increaseAll(calls, 2);
        Await.until("the later events are delivered", LIMIT, () -> userFunction.receivedCount() >= COUNTERS * 5);
      } finally {
        stop.accept(second);
      }
      List<Received> afterRestart = userFunction.received().subList(COUNTERS * 3, userFunction.receivedCount());
      for (int c = 0; c < COUNTERS; c++) {
        String counter = "restart-" + c;
        assertEquals(List.of(4L, 5L), afterRestart.stream().filter(event -> event.counterId().equals(counter))
            .map(Received::sequence).toList(), counter + ": only the events after the offset, once each, in order");
      }
    }
  }

  private static void increaseAll(CounterCalls calls, int rounds) {
    for (int round = 0; round < rounds; round++) {
      IntStream.range(0, COUNTERS).forEach(c -> calls.increase("restart-" + c, 1));
    }
  }

  /** The offset of the last event of the tag, from the running proxy's read journal. */
  private static Offset lastOffset(ActorSystem system) {
    String readJournal = system.settings().config().getString("stateside.proxy.read-journal-plugin");
    CurrentEventsByTagQuery query = PersistenceQuery.get(system).getReadJournalFor(CurrentEventsByTagQuery.class, readJournal);
    return query.currentEventsByTag(TAG, NoOffset.getInstance()).runWith(Sink.last(), system)
        .toCompletableFuture().join().offset();
  }
}
