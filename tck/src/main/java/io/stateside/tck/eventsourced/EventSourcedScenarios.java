package io.stateside.tck.eventsourced;

import static io.stateside.tck.eventsourced.TckModel.CONFIGURED;
import static io.stateside.tck.eventsourced.TckModel.SERVICE;
import static io.stateside.tck.eventsourced.TckModel.TWO;
import static io.stateside.tck.eventsourced.TckModel.actions;
import static io.stateside.tck.eventsourced.TckModel.callTwo;
import static io.stateside.tck.eventsourced.TckModel.emit;
import static io.stateside.tck.eventsourced.TckModel.emits;
import static io.stateside.tck.eventsourced.TckModel.emptyResponse;
import static io.stateside.tck.eventsourced.TckModel.events;
import static io.stateside.tck.eventsourced.TckModel.failWith;
import static io.stateside.tck.eventsourced.TckModel.forwardTo;
import static io.stateside.tck.eventsourced.TckModel.persisted;
import static io.stateside.tck.eventsourced.TckModel.request;
import static io.stateside.tck.eventsourced.TckModel.response;
import static io.stateside.tck.eventsourced.TckModel.sideEffectTo;
import static io.stateside.tck.eventsourced.TckModel.sideEffects;
import static io.stateside.tck.eventsourced.TckModel.snapshotAndEvents;
import static io.stateside.tck.protocol.EventSourcedMessages.actionFailure;
import static io.stateside.tck.protocol.EventSourcedMessages.command;
import static io.stateside.tck.protocol.EventSourcedMessages.event;
import static io.stateside.tck.protocol.EventSourcedMessages.forward;
import static io.stateside.tck.protocol.EventSourcedMessages.init;
import static io.stateside.tck.protocol.EventSourcedMessages.reply;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.eventsourced.EventSourcedStreamIn;
import io.stateside.protocol.eventsourced.EventSourcedStreamOut;
import io.stateside.tck.model.eventsourced.EventSourcedConfiguredClient;
import io.stateside.tck.model.eventsourced.EventSourcedTckModelClient;
import io.stateside.tck.model.eventsourced.Persisted;
import io.stateside.tck.model.eventsourced.Request;
import io.stateside.tck.model.eventsourced.Response;
import io.stateside.tck.passivation.Passivation;
import io.stateside.tck.protocol.ProtocolStream;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Event-sourced entities, with the {@code cloudstate.tck.model} event-sourced model: the user
 * function driven directly over the protocol, then the proxy driven by a client and watched
 * through the interceptor.
 */
public final class EventSourcedScenarios implements ScenarioGroup {

  private static final List<String> MODEL = List.of(SERVICE, TWO);
  private static final List<String> CONFIGURED_ENTITY = List.of(CONFIGURED);
  private static final String PROCESS = "Process";
  private static final String CALL = "Call";

  @Override
  public String id() {
    return "eventsourced";
  }

  @Override
  public String name() {
    return "event-sourced entities";
  }

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        Scenario.userFunction("declares the TCK model entities", MODEL, EventSourcedScenarios::declaresModel),
        Scenario.userFunction("declares the configured entity", CONFIGURED_ENTITY, EventSourcedScenarios::declaresConfigured),
        Scenario.userFunction("initial empty state", MODEL, EventSourcedScenarios::emptyState),
        Scenario.userFunction("single emitted event", MODEL, EventSourcedScenarios::singleEvent),
        Scenario.userFunction("multiple emitted events", MODEL, EventSourcedScenarios::multipleEvents),
        Scenario.userFunction("multiple emitted events and snapshots", MODEL, EventSourcedScenarios::eventsAndSnapshots),
        Scenario.userFunction("initial snapshot", MODEL, EventSourcedScenarios::initialSnapshot),
        Scenario.userFunction("initial snapshot and events", MODEL, EventSourcedScenarios::initialSnapshotAndEvents),
        Scenario.userFunction("rehydration after passivation", MODEL, EventSourcedScenarios::rehydration),
        Scenario.userFunction("forward to second service", MODEL, EventSourcedScenarios::forwardToTwo),
        Scenario.userFunction("forward with emitted events", MODEL, EventSourcedScenarios::forwardWithEvents),
        Scenario.userFunction("forward with emitted events and snapshot", MODEL,
            EventSourcedScenarios::forwardWithEventsAndSnapshot),
        Scenario.userFunction("reply with side effect", MODEL, EventSourcedScenarios::sideEffect),
        Scenario.userFunction("reply with synchronous side effect", MODEL, EventSourcedScenarios::synchronousSideEffect),
        Scenario.userFunction("forward and side effect", MODEL, EventSourcedScenarios::forwardAndSideEffect),
        Scenario.userFunction("reply with multiple side effects", MODEL, EventSourcedScenarios::multipleSideEffects),
        Scenario.userFunction("reply with multiple side effects, events and snapshot", MODEL,
            EventSourcedScenarios::sideEffectsEventsAndSnapshot),
        Scenario.userFunction("failure action", MODEL, EventSourcedScenarios::failureAction),
        Scenario.userFunction("stream usable after a failure action", MODEL, EventSourcedScenarios::usableAfterFailure),
        Scenario.userFunction("failures keep no emitted events (restart if asked)", MODEL,
            EventSourcedScenarios::failuresKeepNoEvents),
        Scenario.userFunction("failures carry no side effects", MODEL, EventSourcedScenarios::failureWithoutSideEffects),
        Scenario.proxy("state changes", MODEL, EventSourcedScenarios::stateChanges),
        Scenario.proxy("rehydration after the stream breaks", MODEL, EventSourcedScenarios::rehydrationAfterBreak),
        Scenario.proxy("forwards and side effects", MODEL, EventSourcedScenarios::forwardsAndSideEffects),
        Scenario.proxy("failures", MODEL, EventSourcedScenarios::failures),
        Scenario.proxy("restart when the user function asks", MODEL, EventSourcedScenarios::restartWhenAsked),
        Scenario.proxy("passivation timeout", CONFIGURED_ENTITY, EventSourcedScenarios::passivationTimeout));
  }

  // --- discovery of the model

  private static void declaresModel(TckContext tck) {
    for (String service : MODEL) {
      Expect.that(Specs.services(tck.declaredSpec()).contains(service), "the spec's descriptors lack " + service);
      Expect.equal("the entity type of " + service, TckModel.PROTOCOL,
          Specs.requireEntity(tck.declaredSpec(), service).getEntityType());
    }
    Expect.equal("the persistence id of " + SERVICE, TckModel.PERSISTENCE_ID,
        Specs.requireEntity(tck.declaredSpec(), SERVICE).getPersistenceId());
  }

  private static void declaresConfigured(TckContext tck) {
    Entity entity = Specs.requireEntity(tck.declaredSpec(), CONFIGURED);
    Expect.equal("the entity type of " + CONFIGURED, TckModel.PROTOCOL, entity.getEntityType());
    Expect.equal("the persistence id of " + CONFIGURED, TckModel.CONFIGURED_PERSISTENCE_ID, entity.getPersistenceId());
    Expect.equal("the passivation strategy of " + CONFIGURED,
        EntityPassivationStrategy.newBuilder().setTimeout(
            TimeoutPassivationStrategy.newBuilder().setTimeout(TckModel.CONFIGURED_PASSIVATION_MILLIS)).build(),
        entity.getPassivationStrategy());
  }

  // --- the user function, driven over the protocol

  private static void emptyState(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id)))
          .expect(reply(1, emptyResponse()))
          .passivate();
    }
  }

  private static void singleEvent(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emits("A"))))
          .expect(reply(1, response("A"), events("A")))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, response("A")))
          .passivate();
    }
  }

  private static void multipleEvents(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emits("A", "B", "C"))))
          .expect(reply(1, response("ABC"), events("A", "B", "C")))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, response("ABC")))
          .passivate();
    }
  }

  private static void eventsAndSnapshots(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emits("A"))))
          .expect(reply(1, response("A"), events("A")))
          .send(command(2, id, PROCESS, request(id, emits("B"))))
          .expect(reply(2, response("AB"), events("B")))
          .send(command(3, id, PROCESS, request(id, emits("C"))))
          .expect(reply(3, response("ABC"), events("C")))
          .send(command(4, id, PROCESS, request(id, emits("D"))))
          .expect(reply(4, response("ABCD"), events("D")))
          .send(command(5, id, PROCESS, request(id, emits("E"))))
          .expect(reply(5, response("ABCDE"), snapshotAndEvents("ABCDE", "E")))
          .send(command(6, id, PROCESS, request(id, emits("F", "G", "H"))))
          .expect(reply(6, response("ABCDEFGH"), events("F", "G", "H")))
          .send(command(7, id, PROCESS, request(id, emits("I", "J"))))
          .expect(reply(7, response("ABCDEFGHIJ"), snapshotAndEvents("ABCDEFGHIJ", "I", "J")))
          .send(command(8, id, PROCESS, request(id, emits("K"))))
          .expect(reply(8, response("ABCDEFGHIJK"), events("K")))
          .send(command(9, id, PROCESS, request(id)))
          .expect(reply(9, response("ABCDEFGHIJK")))
          .passivate();
    }
  }

  private static void initialSnapshot(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id, 5, persisted("ABCDE")))
          .send(command(1, id, PROCESS, request(id)))
          .expect(reply(1, response("ABCDE")))
          .passivate();
    }
  }

  private static void initialSnapshotAndEvents(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id, 5, persisted("ABCDE")))
          .send(event(6, persisted("F")))
          .send(event(7, persisted("G")))
          .send(command(1, id, PROCESS, request(id)))
          .expect(reply(1, response("ABCDEFG")))
          .passivate();
    }
  }

  private static void rehydration(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emits("A", "B", "C"))))
          .expect(reply(1, response("ABC"), events("A", "B", "C")))
          .send(command(2, id, PROCESS, request(id, emits("D", "E"))))
          .expect(reply(2, response("ABCDE"), snapshotAndEvents("ABCDE", "D", "E")))
          .send(command(3, id, PROCESS, request(id, emits("F"))))
          .expect(reply(3, response("ABCDEF"), events("F")))
          .send(command(4, id, PROCESS, request(id, emits("G"))))
          .expect(reply(4, response("ABCDEFG"), events("G")))
          .passivate();
    }
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id, 5, persisted("ABCDE")))
          .send(event(6, persisted("F")))
          .send(event(7, persisted("G")))
          .send(command(1, id, PROCESS, request(id)))
          .expect(reply(1, response("ABCDEFG")))
          .passivate();
    }
  }

  private static void forwardToTwo(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, forwardTo(id))))
          .expect(forward(1, TWO, CALL, callTwo(id)))
          .passivate();
    }
  }

  private static void forwardWithEvents(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emit("A"), forwardTo(id))))
          .expect(forward(1, TWO, CALL, callTwo(id), events("A")))
          .passivate();
    }
  }

  private static void forwardWithEventsAndSnapshot(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emits("A", "B", "C"))))
          .expect(reply(1, response("ABC"), events("A", "B", "C")))
          .send(command(2, id, PROCESS, request(id, emit("D"), emit("E"), forwardTo(id))))
          .expect(forward(2, TWO, CALL, callTwo(id), snapshotAndEvents("ABCDE", "D", "E")))
          .passivate();
    }
  }

  private static void sideEffect(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, false))))
          .expect(reply(1, emptyResponse(), sideEffects(false, id)))
          .passivate();
    }
  }

  private static void synchronousSideEffect(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, true))))
          .expect(reply(1, emptyResponse(), sideEffects(true, id)))
          .passivate();
    }
  }

  private static void forwardAndSideEffect(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, false), forwardTo(id))))
          .expect(forward(1, TWO, CALL, callTwo(id), sideEffects(false, id)))
          .passivate();
    }
  }

  private static void multipleSideEffects(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS,
              request(id, sideEffectTo("1", false), sideEffectTo("2", false), sideEffectTo("3", false))))
          .expect(reply(1, emptyResponse(), sideEffects(false, "1", "2", "3")))
          .passivate();
    }
  }

  private static void sideEffectsEventsAndSnapshot(TckContext tck) {
    String id = tck.newEntityId();
    Request request = request(id, actions(emits("A", "B", "C", "D", "E"),
        List.of(sideEffectTo("1", false), sideEffectTo("2", false), sideEffectTo("3", false))));
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request))
          .expect(reply(1, response("ABCDE"),
              snapshotAndEvents("ABCDE", "A", "B", "C", "D", "E").and(sideEffects(false, "1", "2", "3"))))
          .passivate();
    }
  }

  private static void failureAction(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, failWith("expected failure"))))
          .expect(actionFailure(1, "expected failure", false))
          .passivate();
    }
  }

  private static void usableAfterFailure(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, emit("A"))))
          .expect(reply(1, response("A"), events("A")))
          .send(command(2, id, PROCESS, request(id, failWith("expected failure"))))
          .expect(actionFailure(2, "expected failure", false))
          .send(command(3, id, PROCESS, request(id)))
          .expect(reply(3, response("A")))
          .passivate();
    }
  }

  /**
   * A command that emits and then fails must leave nothing behind. The user function may keep its
   * state clean itself, or ask for a restart; then the TCK restarts the entity from the journal,
   * as a proxy would, and checks the events are gone there too.
   */
  private static void failuresKeepNoEvents(TckContext tck) {
    String id = tck.newEntityId();
    ModelEntity entity = new ModelEntity(tck, id);
    try {
      entity.stream().send(init(SERVICE, id));
      entity.reply(request(id, emits("A", "B", "C")), reply(entity.nextCommandId(), response("ABC"), events("A", "B", "C")));
      entity.fail(request(id, emit("4"), emit("5"), failWith("failure 1")), "failure 1");
      entity.reply(request(id, emits("D")), reply(entity.nextCommandId(), response("ABCD"), events("D")));
      entity.fail(request(id, emit("6"), failWith("failure 2"), emit("7")), "failure 2");
      entity.reply(request(id, emits("E")),
          reply(entity.nextCommandId(), response("ABCDE"), snapshotAndEvents("ABCDE", "E")));
      entity.stream().passivate();
    } finally {
      entity.close();
    }
  }

  private static void failureWithoutSideEffects(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> entity = tck.connectEventSourced()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, false), failWith("expected failure"))))
          .expect(actionFailure(1, "expected failure", false))
          .passivate();
    }
  }

  // --- the proxy, driven by a client and watched through the interceptor

  private static void stateChanges(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedEntity entity = new ExpectedEntity(tck, SERVICE, id);
    process(tck, request(id), emptyResponse());
    entity.reply(PROCESS, request(id), emptyResponse());
    process(tck, request(id, emits("A")), response("A"));
    entity.reply(PROCESS, request(id, emits("A")), response("A"), events("A"));
    process(tck, request(id, emits("B", "C", "D")), response("ABCD"));
    entity.reply(PROCESS, request(id, emits("B", "C", "D")), response("ABCD"), events("B", "C", "D"));
    process(tck, request(id, emits("E")), response("ABCDE"));
    entity.reply(PROCESS, request(id, emits("E")), response("ABCDE"), snapshotAndEvents("ABCDE", "E"));
    process(tck, request(id, emits("F", "G", "H", "I")), response("ABCDEFGHI"));
    entity.reply(PROCESS, request(id, emits("F", "G", "H", "I")), response("ABCDEFGHI"), events("F", "G", "H", "I"));
    process(tck, request(id, emits("J", "K")), response("ABCDEFGHIJK"));
    entity.reply(PROCESS, request(id, emits("J", "K")), response("ABCDEFGHIJK"),
        snapshotAndEvents("ABCDEFGHIJK", "J", "K"));
  }

  /**
   * The stream breaks just before a reply reaches the proxy: the waiting client gets an error,
   * that reply's events are not stored, and the next command restarts the entity from its latest
   * snapshot and the events after it.
   */
  private static void rehydrationAfterBreak(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedEntity entity = new ExpectedEntity(tck, SERVICE, id);
    process(tck, request(id, emits("A", "B", "C")), response("ABC"));
    entity.reply(PROCESS, request(id, emits("A", "B", "C")), response("ABC"), events("A", "B", "C"));
    process(tck, request(id, emits("D", "E")), response("ABCDE"));
    entity.reply(PROCESS, request(id, emits("D", "E")), response("ABCDE"), snapshotAndEvents("ABCDE", "D", "E"));
    process(tck, request(id, emits("F")), response("ABCDEF"));
    entity.reply(PROCESS, request(id, emits("F")), response("ABCDEF"), events("F"));
    process(tck, request(id, emits("G")), response("ABCDEFG"));
    entity.reply(PROCESS, request(id, emits("G")), response("ABCDEFG"), events("G"));

    entity.stream().breakAtNextAnswer();
    Expect.grpcError("a call whose reply was lost", () -> tck.await(model(tck).process(request(id, emits("X")))));
    entity.lostReply(PROCESS, request(id, emits("X")), response("ABCDEFGX"), events("X"));

    process(tck, request(id), response("ABCDEFG"));
    entity.reply(PROCESS, request(id), response("ABCDEFG"));
  }

  private static void forwardsAndSideEffects(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedEntity entity = new ExpectedEntity(tck, SERVICE, id);
    ExpectedEntity two = new ExpectedEntity(tck, TWO, id);
    process(tck, request(id, emits("one")), response("one"));
    entity.reply(PROCESS, request(id, emits("one")), response("one"), events("one"));

    process(tck, request(id, forwardTo(id)), emptyResponse());
    entity.forward(PROCESS, request(id, forwardTo(id)), TWO, CALL, callTwo(id), events());
    two.reply(CALL, callTwo(id), emptyResponse());

    process(tck, request(id, sideEffectTo(id, false)), response("one"));
    entity.reply(PROCESS, request(id, sideEffectTo(id, false)), response("one"), sideEffects(false, id));
    two.reply(CALL, callTwo(id), emptyResponse());

    process(tck, request(id, sideEffectTo(id, true)), response("one"));
    Expect.equal("messages of the synchronous side effect that had crossed when the client got its answer",
        List.of(command(3, id, CALL, callTwo(id)), reply(3, emptyResponse())), two.stream().unconsumed());
    entity.reply(PROCESS, request(id, sideEffectTo(id, true)), response("one"), sideEffects(true, id));
    two.reply(CALL, callTwo(id), emptyResponse());

    process(tck, request(id, emit("two"), forwardTo(id)), emptyResponse());
    entity.forward(PROCESS, request(id, emit("two"), forwardTo(id)), TWO, CALL, callTwo(id), events("two"));
    two.reply(CALL, callTwo(id), emptyResponse());
    process(tck, request(id), response("onetwo"));
    entity.reply(PROCESS, request(id), response("onetwo"));

    String first = tck.newEntityId();
    String second = tck.newEntityId();
    Request both = request(id, sideEffectTo(first, false), sideEffectTo(second, false));
    process(tck, both, response("onetwo"));
    entity.reply(PROCESS, both, response("onetwo"), sideEffects(false, first, second));
    new ExpectedEntity(tck, TWO, first).reply(CALL, callTwo(first), emptyResponse());
    new ExpectedEntity(tck, TWO, second).reply(CALL, callTwo(second), emptyResponse());
  }

  private static void failures(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedEntity entity = new ExpectedEntity(tck, SERVICE, id);
    process(tck, request(id, emits("1", "2", "3")), response("123"));
    entity.reply(PROCESS, request(id, emits("1", "2", "3")), response("123"), events("1", "2", "3"));

    failedProcess(tck, request(id, failWith("expected failure")), "expected failure");
    entity.failure(PROCESS, request(id, failWith("expected failure")), "expected failure");
    process(tck, request(id), response("123"));
    entity.reply(PROCESS, request(id), response("123"));

    Request emitAndFail = request(id, emit("4"), failWith("another failure"), emit("5"));
    failedProcess(tck, emitAndFail, "another failure");
    entity.failure(PROCESS, emitAndFail, "another failure");
    process(tck, request(id, emits("4", "5")), response("12345"));
    entity.reply(PROCESS, request(id, emits("4", "5")), response("12345"), snapshotAndEvents("12345", "4", "5"));

    // A failed command's side effect must not run: Two's entity sees only the later forward.
    String twoId = tck.newEntityId();
    Request effectAndFail = request(id, sideEffectTo(twoId, false), failWith("no side effect"));
    failedProcess(tck, effectAndFail, "no side effect");
    entity.failure(PROCESS, effectAndFail, "no side effect");
    process(tck, request(id, forwardTo(twoId)), emptyResponse());
    entity.forward(PROCESS, request(id, forwardTo(twoId)), TWO, CALL, callTwo(twoId), events());
    new ExpectedEntity(tck, TWO, twoId).reply(CALL, callTwo(twoId), emptyResponse());
  }

  /**
   * A failure that asks for a restart: the proxy ends the entity's stream, and the next command
   * finds the entity restarted from its journal. The interceptor sets the restart flag, so the
   * proxy is judged whatever the user function under test chooses.
   */
  private static void restartWhenAsked(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedEntity entity = new ExpectedEntity(tck, SERVICE, id);
    process(tck, request(id, emits("A", "B", "C", "D", "E", "F")), response("ABCDEF"));
    entity.reply(PROCESS, request(id, emits("A", "B", "C", "D", "E", "F")), response("ABCDEF"),
        snapshotAndEvents("ABCDEF", "A", "B", "C", "D", "E", "F"));

    entity.stream().rewriteNextAnswer(EventSourcedScenarios::askingForRestart);
    Request emitAndFail = request(id, emit("X"), failWith("restart, please"));
    failedProcess(tck, emitAndFail, "restart, please");
    entity.restartedAfterFailure(PROCESS, emitAndFail, "restart, please");

    process(tck, request(id, emits("G")), response("ABCDEFG"));
    entity.reply(PROCESS, request(id, emits("G")), response("ABCDEFG"), events("G"));
  }

  private static EventSourcedStreamOut askingForRestart(EventSourcedStreamOut answer) {
    if (!answer.getReply().getClientAction().hasFailure()) {
      return answer;
    }
    EventSourcedStreamOut.Builder restarting = answer.toBuilder();
    restarting.getReplyBuilder().getClientActionBuilder().getFailureBuilder().setRestart(true);
    return restarting.build();
  }

  /**
   * An entity idle for its passivation timeout (100 ms, from discovery) is stopped: the proxy ends
   * its stream, not before the timeout, and the next command starts it again.
   */
  private static void passivationTimeout(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    EventSourcedConfiguredClient client = tck.proxyClient(EventSourcedConfiguredClient.class, EventSourcedConfiguredClient::create);
    ExpectedEntity entity = new ExpectedEntity(tck, CONFIGURED, id);
    Duration timeout = Duration.ofMillis(TckModel.CONFIGURED_PASSIVATION_MILLIS);
    long sent = System.nanoTime();
    Expect.equal("the response", emptyResponse(), tck.await(client.call(request(id))));
    entity.reply(CALL, request(id), emptyResponse());
    Passivation.expectPassivated(entity.ended(timeout), sent, timeout);

    Expect.equal("the response after passivation", emptyResponse(), tck.await(client.call(request(id))));
    entity.reply(CALL, request(id), emptyResponse());
  }

  // --- helpers

  private static EventSourcedTckModelClient model(TckContext tck) {
    return tck.proxyClient(EventSourcedTckModelClient.class, EventSourcedTckModelClient::create);
  }

  private static void process(TckContext tck, Request request, Response expected) throws Exception {
    Expect.equal("the response to " + request.getActionsList().size() + " action(s)", expected,
        tck.await(model(tck).process(request)));
  }

  private static void failedProcess(TckContext tck, Request request, String description) throws Exception {
    Status status = Expect.grpcError("a failing command", () -> tck.await(model(tck).process(request)));
    Expect.equal("the error's description", description, status.getDescription());
  }

  /** The model's entity as a proxy drives it: replies, and failures that may ask for a restart. */
  private static final class ModelEntity {
    private final TckContext tck;
    private final String id;
    private final List<String> journal = new ArrayList<>();
    private ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> stream;
    private long commandId;

    ModelEntity(TckContext tck, String id) {
      this.tck = tck;
      this.id = id;
      this.stream = tck.connectEventSourced();
    }

    ProtocolStream<EventSourcedStreamIn, EventSourcedStreamOut> stream() {
      return stream;
    }

    long nextCommandId() {
      return commandId + 1;
    }

    void reply(Request request, EventSourcedStreamOut expected) {
      stream.send(command(++commandId, id, PROCESS, request)).expect(expected);
      expected.getReply().getEventsList().forEach(event -> journal.add(value(event)));
    }

    void fail(Request request, String description) {
      stream.send(command(++commandId, id, PROCESS, request));
      EventSourcedStreamOut answer = stream.next();
      boolean restart = answer.getReply().getClientAction().getFailure().getRestart();
      Expect.equal("the answer to a failing command", actionFailure(commandId, description, restart), answer);
      if (restart) {
        stream.passivate();
        stream = tck.connectEventSourced();
        commandId = 0;
        stream.send(init(SERVICE, id));
        for (int i = 0; i < journal.size(); i++) {
          stream.send(event(i + 1, persisted(journal.get(i))));
        }
      }
    }

    void close() {
      stream.close();
    }

    private static String value(Any event) {
      try {
        return event.unpack(Persisted.class).getValue();
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError("an event is not a Persisted message: " + e.getMessage());
      }
    }
  }
}
