package io.stateside.proxy.store;

import akka.NotUsed;
import akka.actor.ActorSystem;
import akka.japi.Pair;
import akka.pattern.Patterns;
import akka.stream.javadsl.Source;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A query's events as a stream of pages read from the store: each page starts after the
 * position of the last element of the one before. A current query ends at its first empty
 * page; a live one looks again after the refresh interval, for as long as it is consumed.
 */
public final class EventPages {

  private EventPages() {
  }

  public static <T> Source<T, NotUsed> stream(long start, Function<Long, CompletionStage<List<T>>> readPageAfter,
      ToLongFunction<T> position, boolean live, Duration refreshInterval, ActorSystem system) {
    return Source.unfoldAsync(start, after -> readPageAfter.apply(after).thenCompose(page -> {
          if (!page.isEmpty()) {
            long next = position.applyAsLong(page.get(page.size() - 1));
            return CompletableFuture.completedFuture(Optional.of(Pair.create(next, page)));
          }
          if (!live) {
            return CompletableFuture.completedFuture(Optional.<Pair<Long, List<T>>>empty());
          }
          return Patterns.after(refreshInterval, system.scheduler(), system.dispatcher(),
              () -> CompletableFuture.completedFuture(Optional.of(Pair.create(after, page))));
        }))
        .mapConcat(page -> page);
  }
}
