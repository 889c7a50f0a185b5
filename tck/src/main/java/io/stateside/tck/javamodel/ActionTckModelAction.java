package io.stateside.tck.javamodel;

import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.SideEffect;
import io.stateside.tck.model.action.ActionTckModelProto;
import io.stateside.tck.model.action.OtherRequest;
import io.stateside.tck.model.action.ProcessStep;
import io.stateside.tck.model.action.Request;
import io.stateside.tck.model.action.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cloudstate.tck.model.action.ActionTckModel} and {@code ActionTwo}: each request group
 * becomes one effect, as the model's .proto describes; unary and streamed-in calls answer once
 * for all their groups.
 */
final class ActionTckModelAction {

  private static final ServiceDescriptor TWO = ActionTckModelProto.getDescriptor().findServiceByName("ActionTwo");

  private ActionTckModelAction() {}

  static Action model() {
    return Action.builder(ActionTckModelProto.getDescriptor().findServiceByName("ActionTckModel"))
        .onUnary("ProcessUnary", Request.class, Response.class, (request, context) -> answerOnce(List.of(request)))
        .onStreamedIn("ProcessStreamedIn", Request.class, Response.class, context -> Sink.<Request>seq()
            .mapMaterializedValue(requests -> requests.thenApply(ActionTckModelAction::answerOnce)))
        .onStreamedOut("ProcessStreamedOut", Request.class, Response.class,
            (request, context) -> Source.from(request.getGroupsList()).map(group -> effect(group.getStepsList())))
        .onStreamed("ProcessStreamed", Request.class, Response.class, (requests, context) -> requests
            .mapConcat(Request::getGroupsList)
            .map(group -> effect(group.getStepsList())))
        .build();
  }

  static Action two() {
    return Action.builder(TWO)
        .onUnary("Call", OtherRequest.class, Response.class,
            (request, context) -> ActionEffect.reply(Response.getDefaultInstance()))
        .build();
  }

  /**
   * A call that answers once: every group's steps, one after the other. The last answer wins
   * (a group without one changes nothing) and every side effect counts, as the model asks.
   */
  private static ActionEffect<Response> answerOnce(List<Request> requests) {
    return effect(requests.stream()
        .flatMap(request -> request.getGroupsList().stream())
        .flatMap(group -> group.getStepsList().stream())
        .toList());
  }

  /** Steps in order: answers replace each other, side effects accumulate. */
  private static ActionEffect<Response> effect(List<ProcessStep> steps) {
    ActionEffect<Response> effect = ActionEffect.noReply();
    List<SideEffect> sideEffects = new ArrayList<>();
    for (ProcessStep step : steps) {
      switch (step.getStepCase()) {
        case REPLY -> effect = ActionEffect.reply(Response.newBuilder().setMessage(step.getReply().getMessage()).build());
        case FORWARD -> effect = ActionEffect.forward(callTwo(step.getForward().getId()));
        case FAIL -> effect = ActionEffect.fail(step.getFail().getMessage());
        case EFFECT -> sideEffects.add(new SideEffect(callTwo(step.getEffect().getId()), step.getEffect().getSynchronous()));
        case STEP_NOT_SET -> { }
      }
    }
    return effect.withSideEffects(sideEffects.toArray(SideEffect[]::new));
  }

  private static ServiceCall callTwo(String id) {
    return ServiceCall.of(TWO, "Call", OtherRequest.newBuilder().setId(id).build());
  }
}
