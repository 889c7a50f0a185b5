package io.stateside.javasupport;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import java.util.Map;

/** Serves {@code cloudstate.valueentity.ValueEntity}: one independent stream per entity. */
final class ValueEntityEndpoint implements io.stateside.protocol.valueentity.ValueEntity {

  private final Map<String, ValueEntity<?>> entities;

  ValueEntityEndpoint(Map<String, ValueEntity<?>> entities) {
    this.entities = entities;
  }

  @Override
  public Source<ValueEntityStreamOut, NotUsed> handle(Source<ValueEntityStreamIn, NotUsed> in) {
    return in
        .statefulMapConcat(() -> new ValueEntityStream(entities)::handle)
        .takeWhile(out -> !ValueEntityStream.isFinal(out), true);
  }
}
