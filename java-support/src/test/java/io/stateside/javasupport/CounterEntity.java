package io.stateside.javasupport;

import io.stateside.example.counter.CounterProto;
import io.stateside.example.counter.CounterValue;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.example.counter.Increased;

/**
 * A second test entity, from the protocols module's example: it has no snapshots and no
 * passivation timeout, and its service imports {@code cloudstate/entity_key.proto}.
 */
final class CounterEntity {

  static final String SERVICE_NAME = "stateside.example.counter.CounterService";

  private CounterEntity() {}

  static EventSourcedEntity<Long> definition() {
    return EventSourcedEntity.builder(CounterProto.getDescriptor().findServiceByName("CounterService"), "counters", 0L)
        .onCommand("Increase", IncreaseRequest.class, CounterValue.class, (value, request, context) ->
            Effect.emit(Increased.newBuilder().setBy(request.getBy()).build())
                .thenReply(CounterValue.newBuilder().setValue(value + request.getBy()).build()))
        .onCommand("Get", GetRequest.class, CounterValue.class, (value, request, context) ->
            Effect.reply(CounterValue.newBuilder().setValue(value).build()))
        .onEvent(Increased.class, (value, event) -> value + event.getBy())
        .build();
  }
}
