package io.stateside.tck.eventing;

import static io.stateside.tck.eventing.EventLogModel.EFFECT;
import static io.stateside.tck.eventing.EventLogModel.EMIT_EVENT;
import static io.stateside.tck.eventing.EventLogModel.EMIT_JSON_EVENT;
import static io.stateside.tck.eventing.EventLogModel.LOG_ONE;
import static io.stateside.tck.eventing.EventLogModel.LOG_TWO;
import static io.stateside.tck.eventing.EventLogModel.ONE;
import static io.stateside.tck.eventing.EventLogModel.PROCESS_ANY_EVENT;
import static io.stateside.tck.eventing.EventLogModel.PROCESS_EVENT_ONE;
import static io.stateside.tck.eventing.EventLogModel.PROCESS_EVENT_TWO;
import static io.stateside.tck.eventing.EventLogModel.SUBSCRIBER;
import static io.stateside.tck.eventing.EventLogModel.TWO;
import static io.stateside.tck.eventing.EventLogModel.delivery;
import static io.stateside.tck.eventing.EventLogModel.effect;
import static io.stateside.tck.eventing.EventLogModel.effectCall;
import static io.stateside.tck.eventing.EventLogModel.emit;
import static io.stateside.tck.eventing.EventLogModel.empty;
import static io.stateside.tck.eventing.EventLogModel.eventMetadata;
import static io.stateside.tck.eventing.EventLogModel.eventOne;
import static io.stateside.tck.eventing.EventLogModel.eventTwo;
import static io.stateside.tck.eventing.EventLogModel.expectAnswer;
import static io.stateside.tck.eventing.EventLogModel.expectEventMetadata;
import static io.stateside.tck.eventing.EventLogModel.forward;
import static io.stateside.tck.eventing.EventLogModel.forwarded;
import static io.stateside.tck.eventing.EventLogModel.jsonEvent;
import static io.stateside.tck.eventing.EventLogModel.jsonMessage;
import static io.stateside.tck.eventing.EventLogModel.replied;
import static io.stateside.tck.eventing.EventLogModel.reply;
import static io.stateside.tck.eventing.EventLogModel.response;
import static io.stateside.tck.protocol.EventSourcedMessages.command;
import static io.stateside.tck.protocol.EventSourcedMessages.init;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.stateside.protocol.Entity;
import io.stateside.protocol.action.ActionCommand;
import io.stateside.protocol.action.ActionProtocol;
import io.stateside.protocol.action.ActionResponse;
import io.stateside.protocol.eventsourced.EventSourced;
import io.stateside.protocol.eventsourced.EventSourcedReply;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.protocol.frontend.EventSource;
import io.stateside.tck.interceptor.RecordedStream;
import io.stateside.tck.model.eventlogeventing.EffectRequest;
import io.stateside.tck.model.eventlogeventing.EmitEventRequest;
import io.stateside.tck.model.eventlogeventing.EventOne;
import io.stateside.tck.model.eventlogeventing.EventSourcedEntityOneClient;
import io.stateside.tck.model.eventlogeventing.EventSourcedEntityTwoClient;
import io.stateside.tck.model.eventlogeventing.JsonEvent;
import io.stateside.tck.protocol.Effects;
import io.stateside.tck.protocol.EventSourcedMessages;
import io.stateside.tck.protocol.Messages;
import io.stateside.tck.protocol.Payloads;
import io.stateside.tck.protocol.ProtocolStream;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Eventing from event logs, with the {@code cloudstate.tck.model.eventlogeventing} model: two
 * event-sourced entities emit events and an action subscribes to their event logs. On the user
 * function's side the TCK plays the proxy: it has the entities emit, then delivers events to the
 * subscriber as a proxy does, one call each with the event's CloudEvent as metadata. On the
 * proxy's side a client has an entity emit through the proxy, and the interceptor must show the
 * entity's stream, then the proxy delivering the stored event to the subscriber (Cloudstate's
 * three eventing scenarios).
 */
public final class EventingScenarios implements ScenarioGroup {

  /** The group's id, to select it with. */
  public static final String ID = "eventing";

  private static final List<String> MODEL = List.of(SUBSCRIBER, ONE, TWO);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "eventing (event logs)";
  }

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        Scenario.userFunction("declares the event-log eventing model", MODEL, EventingScenarios::declaresModel),
        Scenario.userFunction("emit a protobuf event (EventOne)", MODEL,
            tck -> emits(tck, id -> emit(id, eventOne(reply("one"))))),
        Scenario.userFunction("emit a protobuf event (EventTwo)", MODEL,
            tck -> emits(tck, id -> emit(id, eventTwo(reply("a"), reply("b"))))),
        Scenario.userFunction("emit a json event", MODEL, EventingScenarios::emitsJson),
        Scenario.userFunction("consume an event and reply", MODEL, EventingScenarios::consumeAndReply),
        Scenario.userFunction("consume an event and forward", MODEL, EventingScenarios::consumeAndForward),
        Scenario.userFunction("consume an event with streamed replies", MODEL, EventingScenarios::consumeStreamed),
        Scenario.userFunction("effect call", MODEL, EventingScenarios::effectCallAnswers),
        Scenario.userFunction("consume a json event", MODEL, EventingScenarios::consumeJson),
        Scenario.proxy("consume an event", MODEL, EventingScenarios::proxyConsumes),
        Scenario.proxy("forward a consumed event", MODEL, EventingScenarios::proxyForwards),
        Scenario.proxy("process json events", MODEL, EventingScenarios::proxyProcessesJson));
  }

  // --- the user function, driven as a proxy would

  private static void declaresModel(TckContext tck) {
    Expect.equal("the entity type of " + SUBSCRIBER, ActionProtocol.name,
        Specs.requireEntity(tck.declaredSpec(), SUBSCRIBER).getEntityType());
    for (String entity : List.of(ONE, TWO)) {
      Entity declared = Specs.requireEntity(tck.declaredSpec(), entity);
      Expect.equal("the entity type of " + entity, EventSourced.name, declared.getEntityType());
      Expect.equal("the persistence id of " + entity, entity.equals(ONE) ? LOG_ONE : LOG_TWO, declared.getPersistenceId());
    }
    expectSubscribes(tck, PROCESS_EVENT_ONE, LOG_ONE);
    expectSubscribes(tck, PROCESS_EVENT_TWO, LOG_ONE);
    expectSubscribes(tck, PROCESS_ANY_EVENT, LOG_TWO);
    Expect.equal("the eventing declaration of " + SUBSCRIBER + "." + EFFECT, Optional.empty(),
        Specs.eventing(tck.declaredSpec(), SUBSCRIBER, EFFECT));
  }

  private static void expectSubscribes(TckContext tck, String method, String eventLog) {
    Expect.equal("the event source of " + SUBSCRIBER + "." + method,
        Optional.of(EventSource.newBuilder().setEventLog(eventLog).build()),
        Specs.eventing(tck.declaredSpec(), SUBSCRIBER, method).map(eventing -> eventing.getIn()));
  }

  /** EventSourcedEntityOne emits the request's event, as a protobuf message. */
  private static void emits(TckContext tck, Function<String, EmitEventRequest> requestFor) {
    String id = tck.newEntityId();
    EmitEventRequest request = requestFor.apply(id);
    Message event = request.hasEventOne() ? request.getEventOne() : request.getEventTwo();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(ONE, id))
          .send(command(1, id, EMIT_EVENT, request))
          .expect(EventSourcedMessages.reply(1, empty(), Effects.events(List.of(Messages.pack(event)))));
    }
  }

  private static void emitsJson(TckContext tck) {
    emittedJsonEvent(tck, tck.newEntityId(), "some json message");
  }

  /**
   * Has EventSourcedEntityTwo emit a JSON event, checks the reply and the event (JSON in
   * Cloudstate's encoding, with the request's message), and returns the event.
   */
  private static Any emittedJsonEvent(TckContext tck, String id, String message) {
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(TWO, id)).send(command(1, id, EMIT_JSON_EVENT, jsonEvent(id, message)));
      EventSourcedStreamOut out = entity.next();
      Expect.that(out.hasReply(), "the user function answered " + out + " where a reply was expected");
      EventSourcedReply reply = out.getReply();
      Expect.equal("the reply to " + EMIT_JSON_EVENT + " without its events",
          Payloads.canonical(EventSourcedMessages.reply(1, empty()).getReply()),
          Payloads.canonical(reply.toBuilder().clearEvents().build()));
      Expect.equal("the number of events emitted", 1, reply.getEventsCount());
      Any event = reply.getEvents(0);
      Expect.equal("the message of the JSON event", message, jsonMessage("the emitted event", event));
      return event;
    }
  }

  /** The subscriber's call for the first event of the entity {@code id} in {@code eventLog}. */
  private static ActionCommand deliver(String method, String eventLog, String id, Any event) {
    return delivery(method, event).toBuilder().setMetadata(eventMetadata(eventLog, id, 1, event.getTypeUrl())).build();
  }

  private static void consumeAndReply(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ActionCommand call = deliver(PROCESS_EVENT_ONE, LOG_ONE, id, Messages.pack(eventOne(reply("some message"))));
    expectAnswer("the answer to " + PROCESS_EVENT_ONE, replied(response(id, "some message")),
        tck.await(tck.userFunctionActions().handleUnary(call)));
  }

  private static void consumeAndForward(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ActionCommand call = deliver(PROCESS_EVENT_ONE, LOG_ONE, id, Messages.pack(eventOne(forward("some message"))));
    expectAnswer("the answer to " + PROCESS_EVENT_ONE, forwarded(effect(id, "some message")),
        tck.await(tck.userFunctionActions().handleUnary(call)));
  }

  private static void consumeStreamed(TckContext tck) {
    String id = tck.newEntityId();
    ActionCommand call = deliver(PROCESS_EVENT_TWO, LOG_ONE, id,
        Messages.pack(eventTwo(reply("A"), forward("B"), reply("C"))));
    List<ActionResponse> expected = List.of(
        replied(response(id, "A")), forwarded(effect(id, "B")), replied(response(id, "C")));
    try (ProtocolStream<ActionCommand, ActionResponse> stream =
        tck.connectAction(ignored -> tck.userFunctionActions().handleStreamedOut(call))) {
      for (int step = 0; step < expected.size(); step++) {
        expectAnswer("the answer to step " + (step + 1) + " of " + PROCESS_EVENT_TWO, expected.get(step), stream.next());
      }
      stream.expectClosed();
    }
  }

  private static void effectCallAnswers(TckContext tck) throws Exception {
    expectAnswer("the answer to " + EFFECT, replied(response("some id", "some message")),
        tck.await(tck.userFunctionActions().handleUnary(effectCall(effect("some id", "some message")))));
  }

  /**
   * The subscriber takes the JSON event its own EventSourcedEntityTwo emits (the JSON type's name
   * in the type URL is the library's choice, so the TCK cannot make one up).
   */
  private static void consumeJson(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    Any event = emittedJsonEvent(tck, id, "some json message");
    expectAnswer("the answer to " + PROCESS_ANY_EVENT, replied(response(id, "some json message")),
        tck.await(tck.userFunctionActions().handleUnary(deliver(PROCESS_ANY_EVENT, LOG_TWO, id, event))));
  }

  // --- the proxy, driven by a client and watched through the interceptor

  private static EventSourcedEntityOneClient one(TckContext tck) {
    return tck.proxyClient(EventSourcedEntityOneClient.class, EventSourcedEntityOneClient::create);
  }

  private static EventSourcedEntityTwoClient two(TckContext tck) {
    return tck.proxyClient(EventSourcedEntityTwoClient.class, EventSourcedEntityTwoClient::create);
  }

  /** Has EventSourcedEntityOne emit {@code event} through the proxy, and checks its stream. */
  private static void emitThroughProxy(TckContext tck, String id, EventOne event) throws Exception {
    EmitEventRequest request = emit(id, event);
    Expect.equal("the answer to " + EMIT_EVENT, empty(), tck.await(one(tck).emitEvent(request)));
    tck.traffic().nextEventSourcedStream(ONE, id)
        .expectFromProxy(init(ONE, id))
        .expectFromProxy(command(1, id, EMIT_EVENT, request))
        .expectFromUserFunction(EventSourcedMessages.reply(1, empty(), Effects.events(List.of(Messages.pack(event)))));
  }

  /** The subscriber's call for the entity's event: the stored event as its payload, its CloudEvent as metadata. */
  private static RecordedStream<ActionCommand, ActionResponse> expectDelivery(
      TckContext tck, String method, String eventLog, String id, Any event) {
    RecordedStream<ActionCommand, ActionResponse> call = tck.traffic().nextActionCall(SUBSCRIBER, id);
    ActionCommand sent = call.nextFromProxyAsSent();
    Expect.equal("the call delivering the event (without its metadata)",
        Payloads.canonical(delivery(method, event)), Payloads.canonical(sent.toBuilder().clearMetadata().build()));
    expectEventMetadata(sent.getMetadata(), eventLog, id, event.getTypeUrl());
    return call;
  }

  private static void proxyConsumes(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    EventOne event = eventOne(reply("some message"));
    emitThroughProxy(tck, id, event);
    RecordedStream<ActionCommand, ActionResponse> call =
        expectDelivery(tck, PROCESS_EVENT_ONE, LOG_ONE, id, Messages.pack(event));
    expectAnswer("the subscriber's answer", replied(response(id, "some message")), call.nextFromUserFunction());
    call.expectClosed(tck.timeout());
  }

  private static void proxyForwards(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    EventOne event = eventOne(forward("some message"));
    emitThroughProxy(tck, id, event);
    RecordedStream<ActionCommand, ActionResponse> call =
        expectDelivery(tck, PROCESS_EVENT_ONE, LOG_ONE, id, Messages.pack(event));
    expectAnswer("the subscriber's answer", forwarded(effect(id, "some message")), call.nextFromUserFunction());
    call.expectClosed(tck.timeout());

    RecordedStream<ActionCommand, ActionResponse> forwardedCall = tck.traffic().nextUnnamedActionCall(SUBSCRIBER,
        sent -> sent.getName().equals(EFFECT) && effectId(sent).equals(Optional.of(id)),
        "call of " + SUBSCRIBER + "." + EFFECT + " for " + id);
    forwardedCall.expectFromProxy(effectCall(effect(id, "some message")));
    expectAnswer("the answer of " + EFFECT, replied(response(id, "some message")), forwardedCall.nextFromUserFunction());
    forwardedCall.expectClosed(tck.timeout());
  }

  private static Optional<String> effectId(ActionCommand call) {
    try {
      return Optional.of(call.getPayload().unpack(EffectRequest.class).getId());
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static void proxyProcessesJson(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    JsonEvent request = jsonEvent(id, "some json message");
    Expect.equal("the answer to " + EMIT_JSON_EVENT, empty(), tck.await(two(tck).emitJsonEvent(request)));
    RecordedStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.traffic().nextEventSourcedStream(TWO, id)
        .expectFromProxy(init(TWO, id))
        .expectFromProxy(command(1, id, EMIT_JSON_EVENT, request));
    EventSourcedStreamOut out = entity.nextFromUserFunction();
    Expect.equal("the number of events of the reply", 1, out.getReply().getEventsCount());
    Any event = out.getReply().getEvents(0);
    jsonMessage("the emitted event", event);

    RecordedStream<ActionCommand, ActionResponse> call = expectDelivery(tck, PROCESS_ANY_EVENT, LOG_TWO, id, event);
    expectAnswer("the subscriber's answer", replied(response(id, "some json message")), call.nextFromUserFunction());
    call.expectClosed(tck.timeout());
  }
}
