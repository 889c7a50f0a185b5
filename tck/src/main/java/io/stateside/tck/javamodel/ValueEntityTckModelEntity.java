package io.stateside.tck.javamodel;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.stateside.javasupport.CommandContext;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.javasupport.ValueEffect;
import io.stateside.javasupport.ValueEntity;
import io.stateside.tck.model.valueentity.Persisted;
import io.stateside.tck.model.valueentity.Request;
import io.stateside.tck.model.valueentity.RequestAction;
import io.stateside.tck.model.valueentity.Response;
import io.stateside.tck.model.valueentity.ValueEntityTckModelProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cloudstate.tck.model.valueentity.ValueEntityTckModel}: a string in a {@code Persisted}
 * message. {@code Process} takes the request's actions in order; the last update or delete is
 * what gets stored.
 */
final class ValueEntityTckModelEntity {

  private static final MethodDescriptor CALL_TWO =
      ValueEntityTckModelProto.getDescriptor().findServiceByName("ValueEntityTwo").findMethodByName("Call");

  private ValueEntityTckModelEntity() {}

  static ValueEntity<Persisted> definition() {
    return ValueEntity.builder(
            ValueEntityTckModelProto.getDescriptor().findServiceByName("ValueEntityTckModel"),
            "value-entity-tck-model", Persisted.getDefaultInstance())
        .onCommand("Process", Request.class, Response.class, ValueEntityTckModelEntity::process)
        .build();
  }

  private static ValueEffect<Response> process(Persisted state, Request request, CommandContext context) {
    Persisted current = state;
    Optional<ValueEffect.Change> change = Optional.empty();
    Optional<ServiceCall> forward = Optional.empty();
    List<SideEffect> sideEffects = new ArrayList<>();
    for (RequestAction action : request.getActionsList()) {
      switch (action.getActionCase()) {
        case UPDATE -> {
          current = Persisted.newBuilder().setValue(action.getUpdate().getValue()).build();
          change = Optional.of(ValueEffect.update(current));
        }
        case DELETE -> {
          current = Persisted.getDefaultInstance();
          change = Optional.of(ValueEffect.delete());
        }
        case FORWARD -> forward = Optional.of(callTwo(action.getForward().getId()));
        case EFFECT -> sideEffects.add(new SideEffect(callTwo(action.getEffect().getId()),
            action.getEffect().getSynchronous()));
        case FAIL -> {
          // Nothing of this command is kept: a failure carries no state change or side effect.
          return ValueEffect.fail(action.getFail().getMessage());
        }
        case ACTION_NOT_SET -> { }
      }
    }
    Response reply = Response.newBuilder().setMessage(current.getValue()).build();
    ValueEffect.Success<Response> effect;
    if (change.isPresent()) {
      effect = forward.isPresent() ? change.get().thenForward(forward.get()) : change.get().thenReply(reply);
    } else {
      effect = forward.isPresent() ? ValueEffect.forward(forward.get()) : ValueEffect.reply(reply);
    }
    return effect.withSideEffects(sideEffects.toArray(SideEffect[]::new));
  }

  private static ServiceCall callTwo(String id) {
    return ServiceCall.of(CALL_TWO, Request.newBuilder().setId(id).build());
  }
}
