package io.stateside.tck.valueentity;

import static io.stateside.tck.protocol.ValueEntityMessages.actionFailure;
import static io.stateside.tck.protocol.ValueEntityMessages.command;
import static io.stateside.tck.protocol.ValueEntityMessages.forward;
import static io.stateside.tck.protocol.ValueEntityMessages.init;
import static io.stateside.tck.protocol.ValueEntityMessages.reply;
import static io.stateside.tck.valueentity.ValueTckModel.CONFIGURED;
import static io.stateside.tck.valueentity.ValueTckModel.SERVICE;
import static io.stateside.tck.valueentity.ValueTckModel.TWO;
import static io.stateside.tck.valueentity.ValueTckModel.actions;
import static io.stateside.tck.valueentity.ValueTckModel.callTwo;
import static io.stateside.tck.valueentity.ValueTckModel.delete;
import static io.stateside.tck.valueentity.ValueTckModel.deleteState;
import static io.stateside.tck.valueentity.ValueTckModel.emptyResponse;
import static io.stateside.tck.valueentity.ValueTckModel.failWith;
import static io.stateside.tck.valueentity.ValueTckModel.forwardTo;
import static io.stateside.tck.valueentity.ValueTckModel.persisted;
import static io.stateside.tck.valueentity.ValueTckModel.request;
import static io.stateside.tck.valueentity.ValueTckModel.response;
import static io.stateside.tck.valueentity.ValueTckModel.sideEffectTo;
import static io.stateside.tck.valueentity.ValueTckModel.sideEffects;
import static io.stateside.tck.valueentity.ValueTckModel.sideEffectsTo;
import static io.stateside.tck.valueentity.ValueTckModel.update;
import static io.stateside.tck.valueentity.ValueTckModel.updateState;
import static io.stateside.tck.valueentity.ValueTckModel.updateStates;

import io.grpc.Status;
import io.stateside.protocol.Entity;
import io.stateside.protocol.EntityPassivationStrategy;
import io.stateside.protocol.TimeoutPassivationStrategy;
import io.stateside.protocol.valueentity.ValueEntityStreamIn;
import io.stateside.protocol.valueentity.ValueEntityStreamOut;
import io.stateside.tck.model.valueentity.Request;
import io.stateside.tck.model.valueentity.Response;
import io.stateside.tck.model.valueentity.ValueEntityConfiguredClient;
import io.stateside.tck.model.valueentity.ValueEntityTckModelClient;
import io.stateside.tck.passivation.Passivation;
import io.stateside.tck.protocol.ProtocolStream;
import io.stateside.tck.protocol.ValueEntityEffects;
import io.stateside.tck.scenario.Expect;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.ScenarioGroup;
import io.stateside.tck.scenario.Specs;
import io.stateside.tck.scenario.TckContext;
import java.time.Duration;
import java.util.List;

/**
 * Value entities, with the {@code cloudstate.tck.model.valueentity} model: the user function
 * driven directly over the protocol, then the proxy driven by a client and watched through the
 * interceptor.
 */
public final class ValueEntityScenarios implements ScenarioGroup {

  private static final List<String> MODEL = List.of(SERVICE, TWO);
  private static final List<String> CONFIGURED_ENTITY = List.of(CONFIGURED);
  private static final String PROCESS = "Process";
  private static final String CALL = "Call";

  /** The group's id, to select it with. */
  public static final String ID = "valueentity";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "value entities";
  }

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        Scenario.userFunction("declares the TCK model entities", MODEL, ValueEntityScenarios::declaresModel),
        Scenario.userFunction("declares the configured entity", CONFIGURED_ENTITY, ValueEntityScenarios::declaresConfigured),
        Scenario.userFunction("initial empty state", MODEL, ValueEntityScenarios::emptyState),
        Scenario.userFunction("update state", MODEL, ValueEntityScenarios::stateUpdate),
        Scenario.userFunction("delete state", MODEL, ValueEntityScenarios::stateDelete),
        Scenario.userFunction("multiple updates in one command", MODEL, ValueEntityScenarios::multipleUpdates),
        Scenario.userFunction("updates and a delete in one command", MODEL, ValueEntityScenarios::updatesAndDelete),
        Scenario.userFunction("update, delete and update in one command", MODEL, ValueEntityScenarios::updateDeleteUpdate),
        Scenario.userFunction("initial stored state", MODEL, ValueEntityScenarios::initialStoredState),
        Scenario.userFunction("rehydration after passivation", MODEL, ValueEntityScenarios::rehydration),
        Scenario.userFunction("reply with multiple side effects", MODEL, ValueEntityScenarios::multipleSideEffects),
        Scenario.userFunction("reply with side effect to second service", MODEL, ValueEntityScenarios::sideEffectToTwo),
        Scenario.userFunction("reply with multiple side effects and state", MODEL,
            ValueEntityScenarios::sideEffectsAndState),
        Scenario.userFunction("synchronous side effect to second service", MODEL,
            ValueEntityScenarios::synchronousSideEffect),
        Scenario.userFunction("forward to second service", MODEL, ValueEntityScenarios::forwardToTwo),
        Scenario.userFunction("forward with updated state to second service", MODEL,
            ValueEntityScenarios::forwardWithUpdate),
        Scenario.userFunction("forward and side effect to second service", MODEL,
            ValueEntityScenarios::forwardAndSideEffect),
        Scenario.userFunction("failure action", MODEL, ValueEntityScenarios::failureAction),
        Scenario.userFunction("stream usable after a failure action", MODEL, ValueEntityScenarios::usableAfterFailure),
        Scenario.userFunction("failures keep no state change", MODEL, ValueEntityScenarios::failureKeepsNoState),
        Scenario.userFunction("failures carry no side effects", MODEL, ValueEntityScenarios::failureWithoutSideEffects),
        Scenario.proxy("state changes", MODEL, ValueEntityScenarios::stateChanges),
        Scenario.proxy("rehydration after the stream breaks", MODEL, ValueEntityScenarios::rehydrationAfterBreak),
        Scenario.proxy("a deleted state stays deleted after a restart", MODEL, ValueEntityScenarios::deletedAfterRestart),
        Scenario.proxy("forwards and side effects", MODEL, ValueEntityScenarios::forwardsAndSideEffects),
        Scenario.proxy("failures", MODEL, ValueEntityScenarios::failures),
        Scenario.proxy("restart when the user function asks", MODEL, ValueEntityScenarios::restartWhenAsked),
        Scenario.proxy("passivation timeout", CONFIGURED_ENTITY, ValueEntityScenarios::passivationTimeout));
  }

  // --- discovery of the model

  private static void declaresModel(TckContext tck) {
    for (String service : MODEL) {
      Expect.that(Specs.services(tck.declaredSpec()).contains(service), "the spec's descriptors lack " + service);
      Expect.equal("the entity type of " + service, ValueTckModel.PROTOCOL,
          Specs.requireEntity(tck.declaredSpec(), service).getEntityType());
    }
    Expect.equal("the persistence id of " + SERVICE, ValueTckModel.PERSISTENCE_ID,
        Specs.requireEntity(tck.declaredSpec(), SERVICE).getPersistenceId());
    Expect.equal("the persistence id of " + TWO, ValueTckModel.TWO_PERSISTENCE_ID,
        Specs.requireEntity(tck.declaredSpec(), TWO).getPersistenceId());
  }

  private static void declaresConfigured(TckContext tck) {
    Expect.that(Specs.services(tck.declaredSpec()).contains(CONFIGURED), "the spec's descriptors lack " + CONFIGURED);
    Entity entity = Specs.requireEntity(tck.declaredSpec(), CONFIGURED);
    Expect.equal("the entity type of " + CONFIGURED, ValueTckModel.PROTOCOL, entity.getEntityType());
    Expect.equal("the persistence id of " + CONFIGURED, ValueTckModel.CONFIGURED_PERSISTENCE_ID,
        entity.getPersistenceId());
    Expect.equal("the passivation strategy of " + CONFIGURED,
        EntityPassivationStrategy.newBuilder().setTimeout(
            TimeoutPassivationStrategy.newBuilder().setTimeout(ValueTckModel.CONFIGURED_PASSIVATION_MILLIS)).build(),
        entity.getPassivationStrategy());
  }

  // --- the user function, driven over the protocol

  private static void emptyState(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id)))
          .expect(reply(1, emptyResponse()))
          .passivate();
    }
  }

  private static void stateUpdate(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateStates("A"))))
          .expect(reply(1, response("A"), update("A")))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, response("A")))
          .passivate();
    }
  }

  private static void stateDelete(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateStates("A"))))
          .expect(reply(1, response("A"), update("A")))
          .send(command(2, id, PROCESS, request(id, deleteState())))
          .expect(reply(2, emptyResponse(), delete()))
          .send(command(3, id, PROCESS, request(id)))
          .expect(reply(3, emptyResponse()))
          .passivate();
    }
  }

  private static void multipleUpdates(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateStates("A", "B", "C"))))
          .expect(reply(1, response("C"), update("C")))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, response("C")))
          .passivate();
    }
  }

  private static void updatesAndDelete(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, actions(updateStates("A", "B"), List.of(deleteState())))))
          .expect(reply(1, emptyResponse(), delete()))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, emptyResponse()))
          .passivate();
    }
  }

  private static void updateDeleteUpdate(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateState("A"), deleteState(), updateState("B"))))
          .expect(reply(1, response("B"), update("B")))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, response("B")))
          .passivate();
    }
  }

  private static void initialStoredState(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id, persisted("stored")))
          .send(command(1, id, PROCESS, request(id)))
          .expect(reply(1, response("stored")))
          .passivate();
    }
  }

  private static void rehydration(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateStates("A"))))
          .expect(reply(1, response("A"), update("A")))
          .send(command(2, id, PROCESS, request(id, updateStates("B"))))
          .expect(reply(2, response("B"), update("B")))
          .send(command(3, id, PROCESS, request(id, updateStates("C"))))
          .expect(reply(3, response("C"), update("C")))
          .send(command(4, id, PROCESS, request(id, updateStates("D"))))
          .expect(reply(4, response("D"), update("D")))
          .passivate();
    }
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id, persisted("D")))
          .send(command(1, id, PROCESS, request(id, updateStates("E"))))
          .expect(reply(1, response("E"), update("E")))
          .send(command(2, id, PROCESS, request(id)))
          .expect(reply(2, response("E")))
          .passivate();
    }
  }

  private static void multipleSideEffects(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectsTo("1", "2", "3"))))
          .expect(reply(1, emptyResponse(), sideEffects(false, "1", "2", "3")))
          .passivate();
    }
  }

  private static void sideEffectToTwo(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateStates("X"))))
          .expect(reply(1, response("X"), update("X")))
          .send(command(2, id, PROCESS, request(id, sideEffectTo(id, false))))
          .expect(reply(2, response("X"), sideEffects(false, id)))
          .send(command(3, id, PROCESS, request(id)))
          .expect(reply(3, response("X")))
          .passivate();
    }
  }

  private static void sideEffectsAndState(TckContext tck) {
    String id = tck.newEntityId();
    Request request = request(id, actions(updateStates("A", "B", "C", "D", "E"), sideEffectsTo("1", "2", "3")));
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request))
          .expect(reply(1, response("E"), sideEffects(false, "1", "2", "3").and(update("E"))))
          .passivate();
    }
  }

  private static void synchronousSideEffect(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, true))))
          .expect(reply(1, emptyResponse(), sideEffects(true, id)))
          .passivate();
    }
  }

  private static void forwardToTwo(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateStates("X"))))
          .expect(reply(1, response("X"), update("X")))
          .send(command(2, id, PROCESS, request(id, forwardTo(id))))
          .expect(forward(2, TWO, CALL, callTwo(id)))
          .send(command(3, id, PROCESS, request(id)))
          .expect(reply(3, response("X")))
          .passivate();
    }
  }

  private static void forwardWithUpdate(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateState("A"), forwardTo(id))))
          .expect(forward(1, TWO, CALL, callTwo(id), update("A")))
          .passivate();
    }
  }

  private static void forwardAndSideEffect(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, false), forwardTo(id))))
          .expect(forward(1, TWO, CALL, callTwo(id), sideEffects(false, id)))
          .passivate();
    }
  }

  private static void failureAction(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, failWith("expected failure"))))
          .expect(actionFailure(1, "expected failure", false))
          .passivate();
    }
  }

  private static void usableAfterFailure(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateState("A"))))
          .expect(reply(1, response("A"), update("A")))
          .send(command(2, id, PROCESS, request(id, failWith("expected failure"))))
          .expect(actionFailure(2, "expected failure", false))
          .send(command(3, id, PROCESS, request(id)))
          .expect(reply(3, response("A")))
          .passivate();
    }
  }

  /** An update before a failure in the same command must not be kept, nor a delete. */
  private static void failureKeepsNoState(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, updateState("A"))))
          .expect(reply(1, response("A"), update("A")))
          .send(command(2, id, PROCESS, request(id, updateState("B"), failWith("failure 1"))))
          .expect(actionFailure(2, "failure 1", false))
          .send(command(3, id, PROCESS, request(id, deleteState(), failWith("failure 2"))))
          .expect(actionFailure(3, "failure 2", false))
          .send(command(4, id, PROCESS, request(id)))
          .expect(reply(4, response("A")))
          .passivate();
    }
  }

  private static void failureWithoutSideEffects(TckContext tck) {
    String id = tck.newEntityId();
    try (ProtocolStream<ValueEntityStreamIn, ValueEntityStreamOut> entity = tck.connectValueEntity()) {
      entity.send(init(SERVICE, id))
          .send(command(1, id, PROCESS, request(id, sideEffectTo(id, false), failWith("expected failure"))))
          .expect(actionFailure(1, "expected failure", false))
          .passivate();
    }
  }

  // --- the proxy, driven by a client and watched through the interceptor

  private static void stateChanges(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, SERVICE, id);
    process(tck, request(id), emptyResponse());
    entity.reply(PROCESS, request(id), emptyResponse());
    process(tck, request(id, updateStates("one")), response("one"));
    entity.reply(PROCESS, request(id, updateStates("one")), response("one"), update("one"));
    process(tck, request(id, updateStates("two")), response("two"));
    entity.reply(PROCESS, request(id, updateStates("two")), response("two"), update("two"));
    process(tck, request(id), response("two"));
    entity.reply(PROCESS, request(id), response("two"));
    process(tck, request(id, deleteState()), emptyResponse());
    entity.reply(PROCESS, request(id, deleteState()), emptyResponse(), delete());
    process(tck, request(id), emptyResponse());
    entity.reply(PROCESS, request(id), emptyResponse());
    process(tck, request(id, updateStates("foo")), response("foo"));
    entity.reply(PROCESS, request(id, updateStates("foo")), response("foo"), update("foo"));
    process(tck, request(id, deleteState()), emptyResponse());
    entity.reply(PROCESS, request(id, deleteState()), emptyResponse(), delete());
  }

  /**
   * The stream breaks just before a reply reaches the proxy: the waiting client gets an error,
   * that reply's update is not stored, and the next command restarts the entity with the state
   * stored before it.
   */
  private static void rehydrationAfterBreak(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, SERVICE, id);
    process(tck, request(id, updateStates("A")), response("A"));
    entity.reply(PROCESS, request(id, updateStates("A")), response("A"), update("A"));
    process(tck, request(id, updateStates("B")), response("B"));
    entity.reply(PROCESS, request(id, updateStates("B")), response("B"), update("B"));

    entity.stream().breakAtNextAnswer();
    Expect.grpcError("a call whose reply was lost", () -> tck.await(model(tck).process(request(id, updateStates("X")))));
    entity.lostReply(PROCESS, request(id, updateStates("X")), response("X"), update("X"));

    process(tck, request(id), response("B"));
    entity.reply(PROCESS, request(id), response("B"));
  }

  /** After a delete, a restarted entity is told that nothing is stored. */
  private static void deletedAfterRestart(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, SERVICE, id);
    process(tck, request(id, updateStates("A")), response("A"));
    entity.reply(PROCESS, request(id, updateStates("A")), response("A"), update("A"));
    process(tck, request(id, deleteState()), emptyResponse());
    entity.reply(PROCESS, request(id, deleteState()), emptyResponse(), delete());

    entity.stream().breakAtNextAnswer();
    Expect.grpcError("a call whose reply was lost", () -> tck.await(model(tck).process(request(id))));
    entity.lostReply(PROCESS, request(id), emptyResponse(), ValueEntityEffects.NONE);

    process(tck, request(id), emptyResponse());
    entity.reply(PROCESS, request(id), emptyResponse());
  }

  private static void forwardsAndSideEffects(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, SERVICE, id);
    ExpectedValueEntity two = new ExpectedValueEntity(tck, TWO, id);
    process(tck, request(id, updateStates("one")), response("one"));
    entity.reply(PROCESS, request(id, updateStates("one")), response("one"), update("one"));

    process(tck, request(id, forwardTo(id)), emptyResponse());
    entity.forward(PROCESS, request(id, forwardTo(id)), TWO, CALL, callTwo(id),
        ValueEntityEffects.NONE);
    two.reply(CALL, callTwo(id), emptyResponse());

    process(tck, request(id, sideEffectTo(id, false)), response("one"));
    entity.reply(PROCESS, request(id, sideEffectTo(id, false)), response("one"), sideEffects(false, id));
    two.reply(CALL, callTwo(id), emptyResponse());

    process(tck, request(id, sideEffectTo(id, true)), response("one"));
    Expect.equal("messages of the synchronous side effect that had crossed when the client got its answer",
        List.of(command(3, id, CALL, callTwo(id)), reply(3, emptyResponse())), two.stream().unconsumed());
    entity.reply(PROCESS, request(id, sideEffectTo(id, true)), response("one"), sideEffects(true, id));
    two.reply(CALL, callTwo(id), emptyResponse());

    process(tck, request(id, updateState("two"), forwardTo(id)), emptyResponse());
    entity.forward(PROCESS, request(id, updateState("two"), forwardTo(id)), TWO, CALL, callTwo(id), update("two"));
    two.reply(CALL, callTwo(id), emptyResponse());
    process(tck, request(id), response("two"));
    entity.reply(PROCESS, request(id), response("two"));
  }

  private static void failures(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, SERVICE, id);
    process(tck, request(id, updateStates("one")), response("one"));
    entity.reply(PROCESS, request(id, updateStates("one")), response("one"), update("one"));

    failedProcess(tck, request(id, failWith("expected failure")), "expected failure");
    entity.failure(PROCESS, request(id, failWith("expected failure")), "expected failure");
    process(tck, request(id), response("one"));
    entity.reply(PROCESS, request(id), response("one"));

    Request updateAndFail = request(id, updateState("two"), failWith("another failure"));
    failedProcess(tck, updateAndFail, "another failure");
    entity.failure(PROCESS, updateAndFail, "another failure");
    process(tck, request(id), response("one"));
    entity.reply(PROCESS, request(id), response("one"));

    // A failed command's side effect must not run: Two's entity sees only the later forward.
    String twoId = tck.newEntityId();
    Request effectAndFail = request(id, sideEffectTo(twoId, false), failWith("no side effect"));
    failedProcess(tck, effectAndFail, "no side effect");
    entity.failure(PROCESS, effectAndFail, "no side effect");
    process(tck, request(id, forwardTo(twoId)), emptyResponse());
    entity.forward(PROCESS, request(id, forwardTo(twoId)), TWO, CALL, callTwo(twoId),
        ValueEntityEffects.NONE);
    new ExpectedValueEntity(tck, TWO, twoId).reply(CALL, callTwo(twoId), emptyResponse());
  }

  /**
   * A failure that asks for a restart: the proxy ends the entity's stream, and the next command
   * finds the entity restarted with its stored state. The interceptor sets the restart flag, so
   * the proxy is judged whatever the user function under test chooses.
   */
  private static void restartWhenAsked(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, SERVICE, id);
    process(tck, request(id, updateStates("A")), response("A"));
    entity.reply(PROCESS, request(id, updateStates("A")), response("A"), update("A"));

    entity.stream().rewriteNextAnswer(ValueEntityScenarios::askingForRestart);
    Request updateAndFail = request(id, updateState("X"), failWith("restart, please"));
    failedProcess(tck, updateAndFail, "restart, please");
    entity.restartedAfterFailure(PROCESS, updateAndFail, "restart, please");

    process(tck, request(id, updateStates("B")), response("B"));
    entity.reply(PROCESS, request(id, updateStates("B")), response("B"), update("B"));
  }

  private static ValueEntityStreamOut askingForRestart(ValueEntityStreamOut answer) {
    if (!answer.getReply().getClientAction().hasFailure()) {
      return answer;
    }
    ValueEntityStreamOut.Builder restarting = answer.toBuilder();
    restarting.getReplyBuilder().getClientActionBuilder().getFailureBuilder().setRestart(true);
    return restarting.build();
  }

  /**
   * An entity idle for its passivation timeout (100 ms, from discovery) is stopped: the proxy ends
   * its stream, not before the timeout, and the next command starts it again.
   */
  private static void passivationTimeout(TckContext tck) throws Exception {
    String id = tck.newEntityId();
    ValueEntityConfiguredClient client =
        tck.proxyClient(ValueEntityConfiguredClient.class, ValueEntityConfiguredClient::create);
    ExpectedValueEntity entity = new ExpectedValueEntity(tck, CONFIGURED, id);
    Duration timeout = Duration.ofMillis(ValueTckModel.CONFIGURED_PASSIVATION_MILLIS);
    long sent = System.nanoTime();
    Expect.equal("the response", emptyResponse(), tck.await(client.call(request(id))));
    entity.reply(CALL, request(id), emptyResponse());
    Passivation.expectPassivated(entity.ended(timeout), sent, timeout);

    Expect.equal("the response after passivation", emptyResponse(), tck.await(client.call(request(id))));
    entity.reply(CALL, request(id), emptyResponse());
  }

  // --- helpers

  private static ValueEntityTckModelClient model(TckContext tck) {
    return tck.proxyClient(ValueEntityTckModelClient.class, ValueEntityTckModelClient::create);
  }

  private static void process(TckContext tck, Request request, Response expected) throws Exception {
    Expect.equal("the response to " + request.getActionsList().size() + " action(s)", expected,
        tck.await(model(tck).process(request)));
  }

  private static void failedProcess(TckContext tck, Request request, String description) throws Exception {
    Status status = Expect.grpcError("a failing command", () -> tck.await(model(tck).process(request)));
    Expect.equal("the error's description", description, status.getDescription());
  }
}
