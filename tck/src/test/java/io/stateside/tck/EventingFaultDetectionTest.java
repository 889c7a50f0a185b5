package io.stateside.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.stream.javadsl.Source;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.stateside.javasupport.Action;
import io.stateside.javasupport.ActionContext;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CloudEvent;
import io.stateside.javasupport.Effect;
import io.stateside.javasupport.EventSourcedEntity;
import io.stateside.javasupport.ServiceCall;
import io.stateside.javasupport.UserFunction;
import io.stateside.javasupport.UserFunctionServer;
import io.stateside.tck.environment.TckSettings;
import io.stateside.tck.model.eventlogeventing.EffectRequest;
import io.stateside.tck.model.eventlogeventing.EmitEventRequest;
import io.stateside.tck.model.eventlogeventing.EventLogEventingProto;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventTwo;
import io.stateside.tck.model.eventlogeventing.JsonEvent;
import io.stateside.tck.model.eventlogeventing.ProcessStep;
import io.stateside.tck.model.eventlogeventing.Response;
import io.stateside.tck.report.Outcome;
import io.stateside.tck.report.ScenarioResult;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The eventing scenarios must fail wrong implementations too. In this user function the
 * subscriber's replies to EventOne name the event's source instead of its subject (its forwards
 * are right), it answers only the first step of an EventTwo, and EventSourcedEntityTwo emits its
 * events as protobuf messages instead of JSON: the scenarios that look at those fail, on both
 * sides, and the others still pass.
 */
class EventingFaultDetectionTest {

  private static final FileDescriptor MODEL = EventLogEventingProto.getDescriptor();

  private static final Map<String, Outcome> EXPECTED = Map.ofEntries(
      Map.entry("user function: declares the event-log eventing model", Outcome.PASSED),
      Map.entry("user function: emit a protobuf event (EventOne)", Outcome.PASSED),
      Map.entry("user function: emit a protobuf event (EventTwo)", Outcome.PASSED),
      Map.entry("user function: emit a json event", Outcome.FAILED),
      Map.entry("user function: consume an event and reply", Outcome.FAILED),
      Map.entry("user function: consume an event and forward", Outcome.PASSED),
      Map.entry("user function: consume an event with streamed replies", Outcome.FAILED),
      Map.entry("user function: effect call", Outcome.PASSED),
      Map.entry("user function: consume a json event", Outcome.FAILED),
      Map.entry("proxy: consume an event", Outcome.FAILED),
      Map.entry("proxy: forward a consumed event", Outcome.PASSED),
      Map.entry("proxy: process json events", Outcome.FAILED));

  @Test
  void failsTheScenariosAWrongSubscriberOrEmitterBreaks() throws Exception {
    UserFunctionServer faulty = faultyModel().start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Map<String, Outcome> outcomes;
    try {
      Config config = ConfigFactory.parseMap(Map.of(
              "stateside.tck.user-function.mode", "external",
              "stateside.tck.user-function.port", faulty.port(),
              "stateside.tck.only", List.of("eventing"),
              "stateside.tck.timeout", "5s"))
          .withFallback(ConfigFactory.load());
      try (TckRun run = TckRun.start(TckSettings.from(config), config)) {
        for (ScenarioGroup group : run.groups()) {
          for (Scenario scenario : group.scenarios()) {
            run.run(group, scenario);
          }
        }
        System.out.print(run.report().render());
        outcomes = run.report().results().stream()
            .collect(Collectors.toMap(ScenarioResult::title, ScenarioResult::outcome));
      }
    } finally {
      faulty.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    assertEquals(EXPECTED, outcomes);
  }

  private static UserFunction faultyModel() {
    Action subscriber = Action.builder(MODEL.findServiceByName("EventLogSubscriberModel"))
        .onUnary("ProcessEventOne", EventOne.class, Response.class,
            (event, context) -> answer(event.getStep(), context, source(context)))
        .onStreamedOut("ProcessEventTwo", EventTwo.class, Response.class,
            (event, context) -> Source.single(answer(event.getStep(0), context, subject(context))))
        .onUnary("Effect", EffectRequest.class, Response.class, (request, context) -> ActionEffect.reply(
            Response.newBuilder().setId(request.getId()).setMessage(request.getMessage()).build()))
        .onUnary("ProcessAnyEvent", Any.class, Response.class, (event, context) -> {
          try {
            return ActionEffect.reply(Response.newBuilder().setId(subject(context))
                .setMessage(event.unpack(JsonEvent.class).getMessage()).build());
          } catch (InvalidProtocolBufferException e) {
            return ActionEffect.fail("not a JsonEvent");
          }
        })
        .build();
    EventSourcedEntity<Boolean> one = EventSourcedEntity.builder(MODEL.findServiceByName("EventSourcedEntityOne"),
            "eventlogeventing-one", true)
        .onCommand("EmitEvent", EmitEventRequest.class, Empty.class, (state, request, context) ->
            Effect.emit(request.hasEventOne() ? request.getEventOne() : request.getEventTwo())
                .thenReply(Empty.getDefaultInstance()))
        .onEvent(EventOne.class, (state, event) -> state)
        .onEvent(EventTwo.class, (state, event) -> state)
        .build();
    EventSourcedEntity<Boolean> two = EventSourcedEntity.builder(MODEL.findServiceByName("EventSourcedEntityTwo"),
            "eventlogeventing-two", true)
        .onCommand("EmitJsonEvent", JsonEvent.class, Empty.class,
            (state, request, context) -> Effect.emit(request).thenReply(Empty.getDefaultInstance()))
        .onEvent(JsonEvent.class, (state, event) -> state)
        .build();
    return UserFunction.builder().host("127.0.0.1").port(0).register(subscriber).register(one).register(two).build();
  }

  /** A reply names {@code replyId}, a forward names the event's subject as the model asks. */
  private static ActionEffect<Response> answer(ProcessStep step, ActionContext context, String replyId) {
    if (step.hasForward()) {
      return ActionEffect.forward(ServiceCall.of(MODEL.findServiceByName("EventLogSubscriberModel"), "Effect",
          EffectRequest.newBuilder().setId(subject(context)).setMessage(step.getForward().getMessage()).build()));
    }
    return ActionEffect.reply(Response.newBuilder().setId(replyId).setMessage(step.getReply().getMessage()).build());
  }

  private static String source(ActionContext context) {
    return context.cloudEvent().map(CloudEvent::source).orElse("");
  }

  private static String subject(ActionContext context) {
    return context.cloudEvent().flatMap(CloudEvent::subject).orElse("");
  }
}
