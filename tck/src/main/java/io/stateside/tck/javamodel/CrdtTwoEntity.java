package io.stateside.tck.javamodel;

import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CrdtEntity;
import io.stateside.javasupport.GCounter;
import io.stateside.tck.model.crdt.CrdtTckModelProto;
import io.stateside.tck.model.crdt.Request;
import io.stateside.tck.model.crdt.Response;

/**
 * {@code cloudstate.tck.model.crdt.CrdtTwo}: the target of the model's forwards and side effects.
 * Answers an empty {@code Response}, and deletes the entity when the request carries a delete.
 */
final class CrdtTwoEntity {

  private CrdtTwoEntity() {}

  static CrdtEntity definition() {
    return CrdtEntity.builder(CrdtTckModelProto.getDescriptor().findServiceByName("CrdtTwo"))
        .onCommand("Call", Request.class, Response.class, (request, context) -> {
          if (request.getActionsList().stream().anyMatch(action -> action.hasDelete())) {
            // Only an entity with a CRDT can be deleted; a counter is the smallest.
            context.getOrCreate(GCounter.class, GCounter::new);
            context.delete();
          }
          return ActionEffect.reply(Response.getDefaultInstance());
        })
        .build();
  }
}
