package io.stateside.bench.load;

import io.stateside.bench.BenchServices;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** What a run sends next. Called concurrently from the transport's threads. */
public interface CommandSource {

  /** @return the next command, or empty when the source is used up */
  Optional<Command> next();

  /**
   * Random commands of a mix, each to an entity chosen uniformly among {@code entities}; never
   * used up (a timed run ends by the clock).
   */
  static CommandSource random(BenchServices service, String idPrefix, int entities, CommandMix mix) {
    if (entities <= 0) {
      throw new IllegalArgumentException("entities must be positive, was " + entities);
    }
    return () -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String counterId = idPrefix + random.nextInt(entities);
      return Optional.of(switch (mix.pick(random.nextDouble())) {
        case INCREASE -> Command.increase(service, counterId, 1);
        case GET -> Command.get(service, counterId);
        case SEED -> throw new IllegalStateException("Seed is not a mix command");
      });
    };
  }

  /**
   * First a {@code Get} to each of the {@code entities} in turn, then the commands of {@code then}:
   * in a run's warm-up this starts every entity, so the measured window finds them all active.
   */
  static CommandSource touchingEachFirst(BenchServices service, String idPrefix, int entities, CommandSource then) {
    AtomicInteger touched = new AtomicInteger();
    return () -> {
      int index = touched.get() < entities ? touched.getAndIncrement() : entities;
      return index < entities ? Optional.of(Command.get(service, idPrefix + index)) : then.next();
    };
  }

  /** Each command of the list once, in order. */
  static CommandSource each(List<Command> commands) {
    List<Command> copy = List.copyOf(commands);
    AtomicInteger nextIndex = new AtomicInteger();
    return () -> {
      int index = nextIndex.getAndIncrement();
      return index < copy.size() ? Optional.of(copy.get(index)) : Optional.empty();
    };
  }
}
