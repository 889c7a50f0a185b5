package io.stateside.tck.action;

import com.google.protobuf.Message;
import io.stateside.protocol.Failure;
import io.stateside.protocol.Forward;
import io.stateside.protocol.Reply;
import io.stateside.protocol.SideEffect;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.tck.model.action.ActionTckModel;
import io.stateside.tck.model.action.ActionTwo;
import io.stateside.tck.model.action.Fail;
import io.stateside.tck.model.action.OtherRequest;
import io.stateside.tck.model.action.ProcessGroup;
import io.stateside.tck.model.action.ProcessStep;
import io.stateside.tck.model.action.Request;
import io.stateside.tck.model.action.Response;
import io.stateside.tck.protocol.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The action TCK model's names and messages, as the scenarios build them. */
final class ActionModel {

  static final String PROTOCOL = ActionProtocol.name;
  static final String SERVICE = ActionTckModel.name;
  static final String TWO = ActionTwo.name;
  static final String CALL = "Call";

  private ActionModel() {}

  // --- what the TCK sends

  /** A unary or streamed-out command: service, name and payload. */
  static ActionCommand command(String name, Request request) {
    return ActionCommand.newBuilder().setServiceName(SERVICE).setName(name).setPayload(Messages.pack(request)).build();
  }

  /** The first message of a streamed-in call: service and name, no payload. */
  static ActionCommand opening(String name) {
    return ActionCommand.newBuilder().setServiceName(SERVICE).setName(name).build();
  }

  /** A later message of a streamed-in call: the payload only. */
  static ActionCommand next(Request request) {
    return ActionCommand.newBuilder().setPayload(Messages.pack(request)).build();
  }

  static Request request(ProcessGroup... groups) {
    return Request.newBuilder().addAllGroups(List.of(groups)).build();
  }

  static Request single(ProcessStep... steps) {
    return request(group(steps));
  }

  static ProcessGroup group(ProcessStep... steps) {
    return ProcessGroup.newBuilder().addAllSteps(List.of(steps)).build();
  }

  static ProcessStep replyWith(String message) {
    return ProcessStep.newBuilder().setReply(io.stateside.tck.model.action.Reply.newBuilder().setMessage(message)).build();
  }

  static ProcessStep forwardTo(String id) {
    return ProcessStep.newBuilder().setForward(io.stateside.tck.model.action.Forward.newBuilder().setId(id)).build();
  }

  static ProcessStep failWith(String message) {
    return ProcessStep.newBuilder().setFail(Fail.newBuilder().setMessage(message)).build();
  }

  static ProcessStep sideEffectTo(String id) {
    return sideEffectTo(id, false);
  }

  static ProcessStep sideEffectTo(String id, boolean synchronous) {
    return ProcessStep.newBuilder()
        .setEffect(io.stateside.tck.model.action.SideEffect.newBuilder().setId(id).setSynchronous(synchronous))
        .build();
  }

  static OtherRequest other(String id) {
    return OtherRequest.newBuilder().setId(id).build();
  }

  static Response response(String message) {
    return Response.newBuilder().setMessage(message).build();
  }

  // --- what the user function answers

  static List<SideEffect> sideEffects(String... ids) {
    return effects(false, ids);
  }

  static List<SideEffect> synchronousSideEffects(String... ids) {
    return effects(true, ids);
  }

  @SafeVarargs
  static List<SideEffect> concat(List<SideEffect>... parts) {
    List<SideEffect> all = new ArrayList<>();
    Arrays.stream(parts).forEach(all::addAll);
    return all;
  }

  private static List<SideEffect> effects(boolean synchronous, String... ids) {
    return Arrays.stream(ids).map(id -> Messages.sideEffect(TWO, CALL, other(id), synchronous)).toList();
  }

  static ActionResponse reply(Message payload, List<SideEffect> sideEffects) {
    return ActionResponse.newBuilder().setReply(Reply.newBuilder().setPayload(Messages.pack(payload)))
        .addAllSideEffects(sideEffects).build();
  }

  static ActionResponse reply(Message payload) {
    return reply(payload, List.of());
  }

  static ActionResponse noReply(List<SideEffect> sideEffects) {
    return ActionResponse.newBuilder().addAllSideEffects(sideEffects).build();
  }

  static ActionResponse noReply() {
    return noReply(List.of());
  }

  static ActionResponse forwarded(String id, List<SideEffect> sideEffects) {
    return ActionResponse.newBuilder()
        .setForward(Forward.newBuilder().setServiceName(TWO).setCommandName(CALL).setPayload(Messages.pack(other(id))))
        .addAllSideEffects(sideEffects).build();
  }

  static ActionResponse forwarded(String id) {
    return forwarded(id, List.of());
  }

  static ActionResponse failure(String description, List<SideEffect> sideEffects) {
    return ActionResponse.newBuilder().setFailure(Failure.newBuilder().setDescription(description))
        .addAllSideEffects(sideEffects).build();
  }

  static ActionResponse failure(String description) {
    return failure(description, List.of());
  }
}
