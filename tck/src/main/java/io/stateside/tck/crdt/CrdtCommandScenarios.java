package io.stateside.tck.crdt;

import static io.stateside.tck.crdt.CrdtModel.CALL;
import static io.stateside.tck.crdt.CrdtModel.FLAG;
import static io.stateside.tck.crdt.CrdtModel.GCOUNTER;
import static io.stateside.tck.crdt.CrdtModel.GSET;
import static io.stateside.tck.crdt.CrdtModel.LWWREGISTER;
import static io.stateside.tck.crdt.CrdtModel.ORMAP;
import static io.stateside.tck.crdt.CrdtModel.ORSET;
import static io.stateside.tck.crdt.CrdtModel.PNCOUNTER;
import static io.stateside.tck.crdt.CrdtModel.PROCESS_STREAMED;
import static io.stateside.tck.crdt.CrdtModel.SERVICE;
import static io.stateside.tck.crdt.CrdtModel.TWO;
import static io.stateside.tck.crdt.CrdtModel.callTwo;
import static io.stateside.tck.crdt.CrdtModel.failWith;
import static io.stateside.tck.crdt.CrdtModel.forwardTo;
import static io.stateside.tck.crdt.CrdtModel.sideEffectTo;
import static io.stateside.tck.crdt.CrdtModel.sideEffects;
import static io.stateside.tck.crdt.CrdtTypeScenarios.connect;
import static io.stateside.tck.crdt.CrdtTypeScenarios.process;
import static io.stateside.tck.crdt.CrdtTypeScenarios.updated;
import static io.stateside.tck.crdt.States.entry;
import static io.stateside.tck.crdt.Updates.change;
import static io.stateside.tck.crdt.Updates.gsetAdd;
import static io.stateside.tck.crdt.Updates.increment;
import static io.stateside.tck.crdt.Updates.mapAdd;
import static io.stateside.tck.crdt.Updates.mapUpdate;
import static io.stateside.tck.protocol.CrdtMessages.actionFailure;
import static io.stateside.tck.protocol.CrdtMessages.cancelledResponse;
import static io.stateside.tck.protocol.CrdtMessages.delta;
import static io.stateside.tck.protocol.CrdtMessages.forward;
import static io.stateside.tck.protocol.CrdtMessages.init;
import static io.stateside.tck.protocol.CrdtMessages.reply;
import static io.stateside.tck.protocol.CrdtMessages.streamCancelled;
import static io.stateside.tck.protocol.CrdtMessages.streamEnd;
import static io.stateside.tck.protocol.CrdtMessages.streamed;
import static io.stateside.tck.protocol.CrdtMessages.streamedCommand;
import static io.stateside.tck.protocol.CrdtMessages.streamedReply;
import static io.stateside.tck.protocol.CrdtMessages.streamedReplyWithoutAnswer;

import io.stateside.protocol.crdt.CrdtWriteConsistency;
import io.stateside.tck.model.crdt.Effect;
import io.stateside.tck.model.crdt.StreamedRequest;
import io.stateside.tck.model.crdt.UpdateWriteConsistency;
import io.stateside.tck.protocol.CrdtDeltas;
import io.stateside.tck.protocol.CrdtEffects;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.TckContext;
import java.util.List;

/**
 * What a CRDT command can answer besides its state, driven straight over the protocol:
 * forwards, side effects, failures, write consistencies, and streamed commands whose client
 * keeps listening for changes.
 */
final class CrdtCommandScenarios {

  private CrdtCommandScenarios() {}

  static List<Scenario> all() {
    return List.of(
        uf("forward to second service", CrdtCommandScenarios::forwardToTwo),
        uf("forward with state changes", CrdtCommandScenarios::forwardWithChanges),
        uf("reply with side effect to second service", CrdtCommandScenarios::sideEffectToTwo),
        uf("synchronous side effect to second service", CrdtCommandScenarios::synchronousSideEffect),
        uf("forward and side effect to second service", CrdtCommandScenarios::forwardAndSideEffect),
        uf("reply with multiple side effects", CrdtCommandScenarios::multipleSideEffects),
        uf("reply with multiple side effects and state changes", CrdtCommandScenarios::sideEffectsAndChanges),
        uf("failure action", CrdtCommandScenarios::failureAction),
        uf("stream usable after a failure action", CrdtCommandScenarios::usableAfterFailure),
        uf("streamed responses", CrdtCommandScenarios::streamedResponses),
        uf("streamed responses to replicated deltas", CrdtCommandScenarios::streamedReplicatedChanges),
        uf("streamed responses with stream ending action", CrdtCommandScenarios::streamEnding),
        uf("streamed responses with cancellation", CrdtCommandScenarios::streamCancellation),
        uf("empty streamed responses with cancellation", CrdtCommandScenarios::emptyStreamCancellation),
        uf("streamed responses with side effects", CrdtCommandScenarios::streamedSideEffects),
        uf("write consistency can be configured", CrdtCommandScenarios::writeConsistency));
  }

  private static Scenario uf(String name, Scenario.Body body) {
    return Scenario.userFunction(name, CrdtScenarios.MODEL, body);
  }

  // --- forwards and side effects

  private static void forwardToTwo(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    String other = "X-" + id;
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, increment(42)))
          .expect(reply(1, States.gcounter(42), updated(CrdtDeltas.gcounter(42))))
          .send(process(2, id, forwardTo(other)))
          .expect(forward(2, TWO, CALL, callTwo(other), CrdtEffects.NONE))
          .send(process(3, id))
          .expect(reply(3, States.gcounter(42)))
          .passivate();
    }
  }

  private static void forwardWithChanges(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    String other = "X-" + id;
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, change(-42), forwardTo(other)))
          .expect(forward(1, TWO, CALL, callTwo(other), updated(CrdtDeltas.pncounter(-42))))
          .passivate();
    }
  }

  private static void sideEffectToTwo(TckContext tck) {
    String id = tck.newEntityId(GSET);
    String other = "X-" + id;
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, gsetAdd("one")))
          .expect(reply(1, States.gset("one"), updated(CrdtDeltas.gset("one"))))
          .send(process(2, id, sideEffectTo(other, false)))
          .expect(reply(2, States.gset("one"), sideEffects(false, other)))
          .send(process(3, id))
          .expect(reply(3, States.gset("one")))
          .passivate();
    }
  }

  private static void synchronousSideEffect(TckContext tck) {
    String id = tck.newEntityId(ORSET);
    String other = "X-" + id;
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, sideEffectTo(other, true)))
          .expect(reply(1, States.orset(), sideEffects(true, other)))
          .passivate();
    }
  }

  /** The model's register is created empty, so this first command also carries that change. */
  private static void forwardAndSideEffect(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    String target = "A-" + id;
    String effect = "B-" + id;
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, sideEffectTo(effect, false), forwardTo(target)))
          .expect(forward(1, TWO, CALL, callTwo(target),
              updated(CrdtDeltas.lwwRegister("")).and(sideEffects(false, effect))))
          .passivate();
    }
  }

  private static void multipleSideEffects(TckContext tck) {
    String id = tck.newEntityId(FLAG);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, sideEffectTo("1", false), sideEffectTo("2", false), sideEffectTo("3", false)))
          .expect(reply(1, States.flag(false), sideEffects(false, "1", "2", "3")))
          .passivate();
    }
  }

  private static void sideEffectsAndChanges(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    CrdtEffects mapChange = updated(CrdtDeltas.ormap(CrdtDeltas.ormap()
        .addAdded(CrdtDeltas.entry("GSet-1", CrdtDeltas.gset("a", "b", "c")))
        .addAdded(CrdtDeltas.entry("PNCounter-1", CrdtDeltas.pncounter(0)))));
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, mapAdd("PNCounter-1"), mapUpdate("GSet-1", gsetAdd("a")),
              mapUpdate("GSet-1", gsetAdd("b")), mapUpdate("GSet-1", gsetAdd("c")),
              sideEffectTo("1", false), sideEffectTo("2", false), sideEffectTo("3", false)))
          .expect(reply(1, States.ormap(entry("GSet-1", States.gset("a", "b", "c")),
                  entry("PNCounter-1", States.pncounter(0))),
              mapChange.and(sideEffects(false, "1", "2", "3"))))
          .passivate();
    }
  }

  // --- failures

  private static void failureAction(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, failWith("expected failure")))
          .expect(actionFailure(1, "expected failure"))
          .passivate();
    }
  }

  private static void usableAfterFailure(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, change(42)))
          .expect(reply(1, States.pncounter(42), updated(CrdtDeltas.pncounter(42))))
          .send(process(2, id, failWith("expected failure")))
          .expect(actionFailure(2, "expected failure"))
          .send(process(3, id))
          .expect(reply(3, States.pncounter(42)))
          .passivate();
    }
  }

  // --- streamed commands

  private static StreamedRequest.Builder streamedRequest(String id) {
    return StreamedRequest.newBuilder().setId(id);
  }

  /** Every change after the first reply streams the new state to the streamed command's client, after the change's own reply. */
  private static void streamedResponses(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(streamedCommand(1, id, PROCESS_STREAMED, streamedRequest(id).build()))
          .expect(streamedReply(1, States.gcounter(0), CrdtEffects.NONE))
          .send(process(2, id, increment(1)))
          .expect(reply(2, States.gcounter(1), updated(CrdtDeltas.gcounter(1))))
          .expect(streamed(1, States.gcounter(1), CrdtEffects.NONE))
          .send(process(3, id, increment(2)))
          .expect(reply(3, States.gcounter(3), updated(CrdtDeltas.gcounter(2))))
          .expect(streamed(1, States.gcounter(3), CrdtEffects.NONE))
          .send(process(4, id, increment(3)))
          .expect(reply(4, States.gcounter(6), updated(CrdtDeltas.gcounter(3))))
          .expect(streamed(1, States.gcounter(6), CrdtEffects.NONE))
          .passivate();
    }
  }

  /** A change replicated from elsewhere is a change too: the streamed command's client hears of it. */
  private static void streamedReplicatedChanges(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(streamedCommand(1, id, PROCESS_STREAMED, streamedRequest(id).build()))
          .expect(streamedReply(1, States.gcounter(0), CrdtEffects.NONE))
          .send(delta(CrdtDeltas.gcounter(5)))
          .expect(streamed(1, States.gcounter(5), CrdtEffects.NONE))
          .send(process(2, id, increment(1)))
          .expect(reply(2, States.gcounter(6), updated(CrdtDeltas.gcounter(1))))
          .expect(streamed(1, States.gcounter(6), CrdtEffects.NONE))
          .passivate();
    }
  }

  private static void streamEnding(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    StreamedRequest request = streamedRequest(id).setEndState(States.gcounter(3).getState()).build();
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(streamedCommand(1, id, PROCESS_STREAMED, request))
          .expect(streamedReply(1, States.gcounter(0), CrdtEffects.NONE))
          .send(process(2, id, increment(1)))
          .expect(reply(2, States.gcounter(1), updated(CrdtDeltas.gcounter(1))))
          .expect(streamed(1, States.gcounter(1), CrdtEffects.NONE))
          .send(process(3, id, increment(2)))
          .expect(reply(3, States.gcounter(3), updated(CrdtDeltas.gcounter(2))))
          .expect(streamEnd(1, States.gcounter(3), CrdtEffects.NONE))
          .send(process(4, id, increment(3)))
          .expect(reply(4, States.gcounter(6), updated(CrdtDeltas.gcounter(3))))
          .passivate();
    }
  }

  /** The cancel update is a change of the cancellation's own: its response carries the delta. */
  private static void streamCancellation(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    StreamedRequest request = streamedRequest(id).setCancelUpdate(change(-42).getUpdate()).build();
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(streamedCommand(1, id, PROCESS_STREAMED, request))
          .expect(streamedReply(1, States.pncounter(0), CrdtEffects.NONE))
          .send(process(2, id, change(10)))
          .expect(reply(2, States.pncounter(10), updated(CrdtDeltas.pncounter(10))))
          .expect(streamed(1, States.pncounter(10), CrdtEffects.NONE))
          .send(process(3, id, change(20)))
          .expect(reply(3, States.pncounter(30), updated(CrdtDeltas.pncounter(20))))
          .expect(streamed(1, States.pncounter(30), CrdtEffects.NONE))
          .send(streamCancelled(1, id))
          .expect(cancelledResponse(1, updated(CrdtDeltas.pncounter(-42))))
          .send(process(4, id))
          .expect(reply(4, States.pncounter(-12)))
          .send(process(5, id, change(30)))
          .expect(reply(5, States.pncounter(18), updated(CrdtDeltas.pncounter(30))))
          .passivate();
    }
  }

  private static void emptyStreamCancellation(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    StreamedRequest request = streamedRequest(id).setCancelUpdate(change(-42).getUpdate()).setEmpty(true).build();
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, change(10)))
          .expect(reply(1, States.pncounter(10), updated(CrdtDeltas.pncounter(10))))
          .send(streamedCommand(2, id, PROCESS_STREAMED, request))
          .expect(streamedReplyWithoutAnswer(2, CrdtEffects.NONE))
          .send(streamCancelled(2, id))
          .expect(cancelledResponse(2, updated(CrdtDeltas.pncounter(-42))))
          .send(process(3, id))
          .expect(reply(3, States.pncounter(-32)))
          .passivate();
    }
  }

  private static void streamedSideEffects(TckContext tck) {
    String id = tck.newEntityId(GSET);
    StreamedRequest request = streamedRequest(id)
        .addEffects(Effect.newBuilder().setId("one"))
        .addEffects(Effect.newBuilder().setId("two").setSynchronous(true))
        .build();
    CrdtEffects effects = sideEffects(false, "one").and(sideEffects(true, "two"));
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(streamedCommand(1, id, PROCESS_STREAMED, request))
          .expect(streamedReply(1, States.gset(), CrdtEffects.NONE))
          .send(process(2, id, gsetAdd("a")))
          .expect(reply(2, States.gset("a"), updated(CrdtDeltas.gset("a"))))
          .expect(streamed(1, States.gset("a"), effects))
          .send(process(3, id, gsetAdd("b")))
          .expect(reply(3, States.gset("a", "b"), updated(CrdtDeltas.gset("b"))))
          .expect(streamed(1, States.gset("a", "b"), effects))
          .passivate();
    }
  }

  // --- write consistency

  private static void writeConsistency(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, increment(1, UpdateWriteConsistency.LOCAL)))
          .expect(reply(1, States.gcounter(1), CrdtEffects.update(CrdtDeltas.gcounter(1), CrdtWriteConsistency.LOCAL)))
          .send(process(2, id, increment(2, UpdateWriteConsistency.MAJORITY)))
          .expect(reply(2, States.gcounter(3),
              CrdtEffects.update(CrdtDeltas.gcounter(2), CrdtWriteConsistency.MAJORITY)))
          .send(process(3, id, increment(3, UpdateWriteConsistency.ALL)))
          .expect(reply(3, States.gcounter(6), CrdtEffects.update(CrdtDeltas.gcounter(3), CrdtWriteConsistency.ALL)))
          .passivate();
    }
  }
}
