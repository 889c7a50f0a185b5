package io.stateside.tck.javamodel;

import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CloudEvent;
import io.stateside.javasupport.ServiceCall;
import io.stateside.tck.model.eventlogeventing.EffectRequest;
import io.stateside.tck.model.eventlogeventing.EventLogEventingProto;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.ProcessStep;
import io.stateside.tck.model.eventlogeventing.Response;

/**
 * {@code cloudstate.tck.model.eventlogeventing.EventLogSubscriberModel}: the subscriber of both
 * event logs. Every answer names the entity the event came from, its CloudEvent subject.
 */
final class EventLogSubscriberAction {

  private static final ServiceDescriptor SERVICE =
      EventLogEventingProto.getDescriptor().findServiceByName("EventLogSubscriberModel");

  private EventLogSubscriberAction() {}

  static Action definition() {
    return Action.builder(SERVICE)
        .onUnary("ProcessEventOne", EventOne.class, Response.class,
            (event, context) -> answer(event.getStep(), subject(context)))
        .onStreamedOut("ProcessEventTwo", EventTwo.class, Response.class,
            (event, context) -> Source.from(event.getStepList()).map(step -> answer(step, subject(context))))
        .onUnary("Effect", EffectRequest.class, Response.class,
            (request, context) -> ActionEffect.reply(response(request.getId(), request.getMessage())))
        .onUnary("ProcessAnyEvent", Any.class, Response.class, EventLogSubscriberAction::anyEvent)
        .build();
  }

  private static ActionEffect<Response> answer(ProcessStep step, String subject) {
    return switch (step.getStepCase()) {
      case REPLY -> ActionEffect.reply(response(subject, step.getReply().getMessage()));
      case FORWARD -> ActionEffect.forward(ServiceCall.of(SERVICE, "Effect",
          EffectRequest.newBuilder().setId(subject).setMessage(step.getForward().getMessage()).build()));
      case STEP_NOT_SET -> ActionEffect.fail("The event's step is neither a reply nor a forward");
    };
  }

  /** The JSON events of EventSourcedEntityTwo; anything else is refused. */
  private static ActionEffect<Response> anyEvent(Any event, ActionContext context) {
    if (!EventLogEntities.JSON_EVENT.matches(event)) {
      return ActionEffect.fail("ProcessAnyEvent takes " + EventLogEntities.JSON_EVENT.typeUrl() + ", not " + event.getTypeUrl());
    }
    return ActionEffect.reply(response(subject(context), EventLogEntities.JSON_EVENT.decode(event).message()));
  }

  private static String subject(ActionContext context) {
    return context.cloudEvent().flatMap(CloudEvent::subject).orElse("");
  }

  private static Response response(String id, String message) {
    return Response.newBuilder().setId(id).setMessage(message).build();
  }
}
