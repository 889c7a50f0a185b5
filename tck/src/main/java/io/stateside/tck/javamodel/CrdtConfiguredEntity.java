package io.stateside.tck.javamodel;

import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CrdtEntity;
import io.stateside.tck.model.crdt.CrdtTckModelProto;
import io.stateside.tck.model.crdt.Request;
import io.stateside.tck.model.crdt.Response;
import java.time.Duration;

/**
 * {@code cloudstate.tck.model.crdt.CrdtConfigured}: answers an empty {@code Response}; it exists
 * to carry its passivation timeout (100 ms) to the proxy at discovery.
 */
final class CrdtConfiguredEntity {

  private CrdtConfiguredEntity() {}

  static CrdtEntity definition() {
    return CrdtEntity.builder(CrdtTckModelProto.getDescriptor().findServiceByName("CrdtConfigured"))
        .onCommand("Call", Request.class, Response.class,
            (request, context) -> ActionEffect.reply(Response.getDefaultInstance()))
        .passivationTimeout(Duration.ofMillis(100))
        .build();
  }
}
