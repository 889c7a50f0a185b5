package io.stateside.tck.javamodel;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.Crdt;
import io.stateside.javasupport.CrdtContext;
import io.stateside.javasupport.CrdtEntity;
import io.stateside.javasupport.CrdtStreamedContext;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.javasupport.WriteConsistency;
import io.stateside.tck.model.crdt.CrdtTckModelProto;
import io.stateside.tck.model.crdt.Effect;
import io.stateside.tck.model.crdt.Request;
import io.stateside.tck.model.crdt.RequestAction;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.model.crdt.StreamedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cloudstate.tck.model.crdt.CrdtTckModel}: one CRDT per entity, its type picked by the
 * entity id's prefix (see {@link CrdtTckModelState}). {@code Process} takes the request's actions
 * in order; {@code ProcessStreamed} answers with the state and streams it again on every change.
 */
final class CrdtTckModelEntity {

  private static final MethodDescriptor CALL_TWO =
      CrdtTckModelProto.getDescriptor().findServiceByName("CrdtTwo").findMethodByName("Call");

  private CrdtTckModelEntity() {}

  static CrdtEntity definition() {
    return CrdtEntity.builder(CrdtTckModelProto.getDescriptor().findServiceByName("CrdtTckModel"))
        .onCommand("Process", Request.class, Response.class, CrdtTckModelEntity::process)
        .onStreamedCommand("ProcessStreamed", StreamedRequest.class, Response.class, CrdtTckModelEntity::processStreamed)
        .build();
  }

  private static ActionEffect<Response> process(Request request, CrdtContext context) {
    Crdt crdt = CrdtTckModelState.of(context);
    Optional<ServiceCall> forward = Optional.empty();
    List<SideEffect> sideEffects = new ArrayList<>();
    for (RequestAction action : request.getActionsList()) {
      switch (action.getActionCase()) {
        case UPDATE -> {
          CrdtTckModelState.apply(crdt, action.getUpdate());
          // Each update sets the consistency, so the last one's applies (LOCAL when unset).
          context.writeConsistency(WriteConsistency.valueOf(action.getUpdate().getWriteConsistency().name()));
        }
        case DELETE -> context.delete();
        case FORWARD -> forward = Optional.of(callTwo(action.getForward().getId()));
        case EFFECT -> sideEffects.add(sideEffect(action.getEffect()));
        case FAIL -> {
          return ActionEffect.fail(action.getFail().getMessage());
        }
        case ACTION_NOT_SET -> { }
      }
    }
    ActionEffect<Response> effect = forward.isPresent()
        ? ActionEffect.forward(forward.get())
        : ActionEffect.reply(response(crdt));
    return effect.withSideEffects(sideEffects.toArray(SideEffect[]::new));
  }

  private static ActionEffect<Response> processStreamed(StreamedRequest request, CrdtStreamedContext<Response> context) {
    Crdt crdt = CrdtTckModelState.of(context);
    if (context.isStreamed()) {
      context.onChange(change -> {
        Crdt now = change.state(Crdt.class);
        request.getEffectsList().forEach(effect -> change.addSideEffects(sideEffect(effect)));
        if (request.hasEndState() && CrdtTckModelState.stateOf(now).equals(request.getEndState())) {
          change.endStream();
        }
        return request.getEmpty() ? Optional.empty() : Optional.of(response(now));
      });
      if (request.hasCancelUpdate()) {
        context.onCancel(cancelled -> CrdtTckModelState.apply(CrdtTckModelState.of(cancelled), request.getCancelUpdate()));
      }
    }
    if (request.hasInitialUpdate()) {
      CrdtTckModelState.apply(crdt, request.getInitialUpdate());
    }
    return request.getEmpty() ? ActionEffect.noReply() : ActionEffect.reply(response(crdt));
  }

  private static Response response(Crdt crdt) {
    return Response.newBuilder().setState(CrdtTckModelState.stateOf(crdt)).build();
  }

  private static SideEffect sideEffect(Effect effect) {
    return new SideEffect(callTwo(effect.getId()), effect.getSynchronous());
  }

  private static ServiceCall callTwo(String id) {
    return ServiceCall.of(CALL_TWO, Request.newBuilder().setId(id).build());
  }
}
