package io.stateside.javasupport;

import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Empty;
import io.stateside.tck.model.eventlogeventing.EffectRequest;
import io.stateside.tck.model.eventlogeventing.EventLogEventingProto;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.JsonEvent;
import io.stateside.tck.model.eventlogeventing.ProcessStep;
import io.stateside.tck.model.eventlogeventing.Response;

/**
 * The library's eventing test model, on the services of the TCK's event-log model: a subscriber
 * action that answers with what it learnt of each event from its CloudEvent, and an entity that
 * emits JSON events.
 */
final class EventingModel {

  static final FileDescriptor PROTO = EventLogEventingProto.getDescriptor();
  static final String SUBSCRIBER = "cloudstate.tck.model.eventlogeventing.EventLogSubscriberModel";
  static final String NOTES = "cloudstate.tck.model.eventlogeventing.EventSourcedEntityTwo";

  /** The JSON event of the notes entity; {@code from} is the subject of the event that caused it, if any. */
  record Note(String message, int number, String from) {}

  static final JsonType<Note> NOTE = JsonType.of("Note", Note.class);

  private EventingModel() {}

  /**
   * Answers each event with a {@code Response} whose id is its subject and whose message tells
   * the step's message, the event's sequence number and its source; its replies set the type of
   * the CloudEvent they would be published as.
   */
  static Action subscriber() {
    return Action.builder(PROTO.findServiceByName("EventLogSubscriberModel"))
        .onUnary("ProcessEventOne", EventOne.class, Response.class,
            (event, context) -> answer(event.getStep(), context))
        .onStreamedOut("ProcessEventTwo", EventTwo.class, Response.class,
            (event, context) -> Source.from(event.getStepList()).map(step -> answer(step, context)))
        .onUnary("Effect", EffectRequest.class, Response.class, (request, context) -> ActionEffect.reply(
            Response.newBuilder().setId(request.getId()).setMessage(request.getMessage()).build()))
        .onUnary("ProcessAnyEvent", Any.class, Response.class, EventingModel::anyEvent)
        .build();
  }

  private static ActionEffect<Response> answer(ProcessStep step, ActionContext context) {
    CloudEvent event = context.cloudEvent().orElseThrow(() -> new RejectedCommandException("not an event"));
    String subject = event.subject().orElse("");
    if (step.hasForward()) {
      return ActionEffect.forward(ServiceCall.of(PROTO.findServiceByName("EventLogSubscriberModel"), "Effect",
          EffectRequest.newBuilder().setId(subject).setMessage(step.getForward().getMessage()).build()));
    }
    String message = step.getReply().getMessage() + " #" + event.sequence().orElse(0L) + " from " + event.source();
    return ActionEffect.reply(Response.newBuilder().setId(subject).setMessage(message).build(),
        Metadata.empty().withCloudEvent(CloudEvent.TYPE, "answer"));
  }

  /** A note by its message, a protobuf event by its type's name, anything else refused. */
  private static ActionEffect<Response> anyEvent(Any event, ActionContext context) {
    String subject = context.cloudEvent().flatMap(CloudEvent::subject).orElse("");
    if (NOTE.matches(event)) {
      return ActionEffect.reply(Response.newBuilder().setId(subject).setMessage(NOTE.decode(event).message()).build());
    }
    if (event.is(EventOne.class)) {
      return ActionEffect.reply(Response.newBuilder().setId(subject).setMessage("an EventOne").build());
    }
    return ActionEffect.fail("cannot take " + event.getTypeUrl());
  }

  /**
   * Numbers its notes: the state is how many it has emitted. A note emitted for an event names
   * the event's subject.
   */
  static EventSourcedEntity<Integer> notes() {
    return EventSourcedEntity.builder(PROTO.findServiceByName("EventSourcedEntityTwo"), "notes", 0)
        .onCommand("EmitJsonEvent", JsonEvent.class, Empty.class, (count, request, context) -> {
          String from = context.cloudEvent().flatMap(CloudEvent::subject).orElse("a client");
          return Effect.emit(NOTE.encode(new Note(request.getMessage(), count + 1, from)))
              .thenReply(Empty.getDefaultInstance());
        })
        .onEvent(NOTE, (count, note) -> count + 1)
        .build();
  }
}
