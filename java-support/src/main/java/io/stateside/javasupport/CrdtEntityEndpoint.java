package io.stateside.javasupport;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.protocol.crdt.CrdtStreamOut;
import java.util.Map;

/** Serves {@code cloudstate.crdt.Crdt}: one independent stream per entity. */
final class CrdtEntityEndpoint implements io.stateside.protocol.crdt.Crdt {

  private final Map<String, CrdtEntity> entities;

  CrdtEntityEndpoint(Map<String, CrdtEntity> entities) {
    this.entities = entities;
  }

  @Override
  public Source<CrdtStreamOut, NotUsed> handle(Source<CrdtStreamIn, NotUsed> in) {
    return in
        .statefulMapConcat(() -> new CrdtEntityStream(entities)::handle)
        .takeWhile(out -> !CrdtEntityStream.isFinal(out), true);
  }
}
