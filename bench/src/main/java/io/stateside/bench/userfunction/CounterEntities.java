package io.stateside.bench.userfunction;

import io.stateside.bench.BenchServices;
import io.stateside.bench.protocol.CounterReply;
import io.stateside.bench.protocol.CounterSnapshot;
import io.stateside.bench.protocol.GetRequest;
import io.stateside.bench.protocol.IncreaseRequest;
import io.stateside.bench.protocol.Increased;
import io.stateside.bench.protocol.SeedRequest;
import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import java.util.Collections;

/** The counter entity, defined once per {@link BenchServices} entry. State: the counter's value. */
public final class CounterEntities {

  /** Seeding more than this many events in one command is refused: one reply holds them all. */
  static final int MAX_SEED_EVENTS = 10_000;

  private static final Increased ONE = Increased.newBuilder().setBy(1).build();

  private CounterEntities() {}

  public static EventSourcedEntity<Long> definition(BenchServices service) {
    EventSourcedEntity.Builder<Long> builder = EventSourcedEntity.builder(service.descriptor(), service.persistenceId(), 0L)
        .onCommand("Increase", IncreaseRequest.class, CounterReply.class, CounterEntities::increase)
        .onCommand("Get", GetRequest.class, CounterReply.class, CounterEntities::get)
        .onCommand("Seed", SeedRequest.class, CounterReply.class, CounterEntities::seed)
        .onEvent(Increased.class, (value, event) -> value + event.getBy());
    if (service.passivatesQuickly()) {
      builder.passivationTimeout(BenchServices.ACTIVATION_PASSIVATION);
    }
    if (service.snapshots()) {
      builder.snapshot(CounterSnapshot.class, value -> CounterSnapshot.newBuilder().setValue(value).build(),
              CounterSnapshot::getValue)
          .snapshotEvery(BenchServices.SNAPSHOT_EVERY);
    }
    return builder.build();
  }

  static Effect<CounterReply> increase(Long value, IncreaseRequest request, CommandContext context) {
    return Effect.emit(Increased.newBuilder().setBy(request.getBy()).build())
        .thenReply(reply(value + request.getBy(), context));
  }

  static Effect<CounterReply> get(Long value, GetRequest request, CommandContext context) {
    return Effect.reply(reply(value, context));
  }

  static Effect<CounterReply> seed(Long value, SeedRequest request, CommandContext context) {
    int events = request.getEvents();
    if (events <= 0 || events > MAX_SEED_EVENTS) {
      return Effect.fail("events must be between 1 and " + MAX_SEED_EVENTS + ", was " + events);
    }
    return Effect.emitAll(Collections.nCopies(events, ONE)).thenReply(reply(value + events, context));
  }

  private static CounterReply reply(long value, CommandContext context) {
    return CounterReply.newBuilder().setValue(value).setStreamCommandId(context.commandId()).build();
  }
}
