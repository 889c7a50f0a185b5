package io.stateside.tck.javamodel;

import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntity;
import io.stateside.tck.model.valueentity.Persisted;
import io.stateside.tck.model.valueentity.Request;
import io.stateside.tck.model.valueentity.Response;
import io.stateside.tck.model.valueentity.ValueEntityTckModelProto;
import java.time.Duration;

/**
 * {@code cloudstate.tck.model.valueentity.ValueEntityTwo} and {@code ValueEntityConfigured}:
 * value entities that only answer, with an empty {@code Response}. The first is the target of
 * forwards and side effects; the second carries settings (persistence id, passivation) for the
 * proxy to honour.
 */
final class ValueEntityTwoEntity {

  private ValueEntityTwoEntity() {}

  static ValueEntity<Persisted> two() {
    return ValueEntity.builder(
            ValueEntityTckModelProto.getDescriptor().findServiceByName("ValueEntityTwo"),
            "value-entity-tck-model-two", Persisted.getDefaultInstance())
        .onCommand("Call", Request.class, Response.class,
            (state, request, context) -> ValueEffect.reply(Response.getDefaultInstance()))
        .build();
  }

  static ValueEntity<Persisted> configured() {
    return ValueEntity.builder(
            ValueEntityTckModelProto.getDescriptor().findServiceByName("ValueEntityConfigured"),
            "value-entity-configured", Persisted.getDefaultInstance())
        .onCommand("Call", Request.class, Response.class,
            (state, request, context) -> ValueEffect.reply(Response.getDefaultInstance()))
        .passivationTimeout(Duration.ofMillis(100))
        .build();
  }
}
