package io.stateside.tck.crdt;

import static io.stateside.tck.crdt.CrdtModel.FLAG;
import static io.stateside.tck.crdt.CrdtModel.GCOUNTER;
import static io.stateside.tck.crdt.CrdtModel.GSET;
import static io.stateside.tck.crdt.CrdtModel.LWWREGISTER;
import static io.stateside.tck.crdt.CrdtModel.ORMAP;
import static io.stateside.tck.crdt.CrdtModel.ORSET;
import static io.stateside.tck.crdt.CrdtModel.PNCOUNTER;
import static io.stateside.tck.crdt.CrdtModel.PROCESS;
import static io.stateside.tck.crdt.CrdtModel.SERVICE;
import static io.stateside.tck.crdt.CrdtModel.VOTE;
import static io.stateside.tck.crdt.CrdtModel.deleteCrdt;
import static io.stateside.tck.crdt.CrdtModel.request;
import static io.stateside.tck.crdt.Updates.change;
import static io.stateside.tck.crdt.Updates.enableFlag;
import static io.stateside.tck.crdt.Updates.gsetAdd;
import static io.stateside.tck.crdt.Updates.increment;
import static io.stateside.tck.crdt.Updates.orsetAdd;
import static io.stateside.tck.crdt.Updates.orsetClear;
import static io.stateside.tck.crdt.Updates.orsetRemove;
import static io.stateside.tck.crdt.Updates.register;
import static io.stateside.tck.crdt.Updates.vote;
import static io.stateside.tck.protocol.CrdtDeltas.orset;
import static io.stateside.tck.protocol.CrdtMessages.command;
import static io.stateside.tck.protocol.CrdtMessages.delete;
import static io.stateside.tck.protocol.CrdtMessages.delta;
import static io.stateside.tck.protocol.CrdtMessages.init;
import static io.stateside.tck.protocol.CrdtMessages.reply;

import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.tck.model.crdt.LWWRegisterClockType;
import io.stateside.tck.model.crdt.RequestAction;
import io.stateside.tck.model.crdt.Response;
import io.stateside.tck.protocol.CrdtDeltas;
import io.stateside.tck.protocol.CrdtEffects;
import io.stateside.tck.scenario.Scenario;
import io.stateside.tck.scenario.TckContext;
import java.util.List;

/**
 * Each of the eight CRDT types driven straight over the protocol: local updates and the deltas
 * they answer with, replicated deltas from the proxy, the state an init carries, deletes both
 * ways. The entity id's prefix tells the model which CRDT the entity holds.
 */
final class CrdtTypeScenarios {

  private CrdtTypeScenarios() {}

  static List<Scenario> all() {
    return List.of(
        uf("GCounter: initial empty state", initialState(GCOUNTER, States.gcounter(0), CrdtEffects.NONE)),
        uf("GCounter: state changes", CrdtTypeScenarios::gcounterChanges),
        uf("GCounter: initial delta in init", CrdtTypeScenarios::gcounterInit),
        uf("GCounter: initial empty state with replicated initial delta", CrdtTypeScenarios::gcounterReplicated),
        uf("GCounter: mix of local and replicated state changes", CrdtTypeScenarios::gcounterMix),
        uf("GCounter: rehydration after passivation", CrdtTypeScenarios::gcounterRehydration),
        uf("GCounter: delete action received from entity",
            deleteFromEntity(GCOUNTER, increment(42), States.gcounter(42), CrdtDeltas.gcounter(42))),
        uf("GCounter: delete action sent to entity", deleteFromProxy(GCOUNTER)),

        uf("PNCounter: initial empty state", initialState(PNCOUNTER, States.pncounter(0), CrdtEffects.NONE)),
        uf("PNCounter: state changes", CrdtTypeScenarios::pncounterChanges),
        uf("PNCounter: initial delta in init", CrdtTypeScenarios::pncounterInit),
        uf("PNCounter: initial empty state with replicated initial delta", CrdtTypeScenarios::pncounterReplicated),
        uf("PNCounter: mix of local and replicated state changes", CrdtTypeScenarios::pncounterMix),
        uf("PNCounter: rehydration after passivation", CrdtTypeScenarios::pncounterRehydration),
        uf("PNCounter: delete action received from entity",
            deleteFromEntity(PNCOUNTER, change(42), States.pncounter(42), CrdtDeltas.pncounter(42))),
        uf("PNCounter: delete action sent to entity", deleteFromProxy(PNCOUNTER)),

        uf("GSet: initial empty state", initialState(GSET, States.gset(), CrdtEffects.NONE)),
        uf("GSet: state changes", CrdtTypeScenarios::gsetChanges),
        uf("GSet: initial delta in init", CrdtTypeScenarios::gsetInit),
        uf("GSet: initial empty state with replicated initial delta", CrdtTypeScenarios::gsetReplicated),
        uf("GSet: mix of local and replicated state changes", CrdtTypeScenarios::gsetMix),
        uf("GSet: rehydration after passivation", CrdtTypeScenarios::gsetRehydration),
        uf("GSet: delete action received from entity",
            deleteFromEntity(GSET, gsetAdd("x"), States.gset("x"), CrdtDeltas.gset("x"))),
        uf("GSet: delete action sent to entity", deleteFromProxy(GSET)),

        uf("ORSet: initial empty state", initialState(ORSET, States.orset(), CrdtEffects.NONE)),
        uf("ORSet: state changes", CrdtTypeScenarios::orsetChanges),
        uf("ORSet: initial delta in init", CrdtTypeScenarios::orsetInit),
        uf("ORSet: initial empty state with replicated initial delta", CrdtTypeScenarios::orsetReplicated),
        uf("ORSet: mix of local and replicated state changes", CrdtTypeScenarios::orsetMix),
        uf("ORSet: rehydration after passivation", CrdtTypeScenarios::orsetRehydration),
        uf("ORSet: delete action received from entity",
            deleteFromEntity(ORSET, orsetAdd("x"), States.orset("x"), CrdtDeltas.orsetAdded("x"))),
        uf("ORSet: delete action sent to entity", deleteFromProxy(ORSET)),

        // The model creates its register with an empty value, a change the first reply carries.
        uf("LWWRegister: initial empty state",
            initialState(LWWREGISTER, States.register(""), updated(CrdtDeltas.lwwRegister("")))),
        uf("LWWRegister: state changes", CrdtTypeScenarios::registerChanges),
        uf("LWWRegister: initial delta in init", CrdtTypeScenarios::registerInit),
        uf("LWWRegister: initial empty state with replicated initial delta", CrdtTypeScenarios::registerReplicated),
        uf("LWWRegister: mix of local and replicated state changes", CrdtTypeScenarios::registerMix),
        uf("LWWRegister: state changes with clock settings", CrdtTypeScenarios::registerClocks),
        uf("LWWRegister: rehydration after passivation", CrdtTypeScenarios::registerRehydration),
        uf("LWWRegister: delete action received from entity",
            deleteFromEntity(LWWREGISTER, register("one"), States.register("one"), CrdtDeltas.lwwRegister("one"))),
        uf("LWWRegister: delete action sent to entity", deleteFromProxy(LWWREGISTER)),

        uf("Flag: initial empty state", initialState(FLAG, States.flag(false), CrdtEffects.NONE)),
        uf("Flag: state changes", CrdtTypeScenarios::flagChanges),
        uf("Flag: initial delta in init", CrdtTypeScenarios::flagInit),
        uf("Flag: initial empty state with replicated initial delta", CrdtTypeScenarios::flagReplicated),
        uf("Flag: mix of local and replicated state changes", CrdtTypeScenarios::flagMix),
        uf("Flag: rehydration after passivation", CrdtTypeScenarios::flagRehydration),
        uf("Flag: delete action received from entity",
            deleteFromEntity(FLAG, enableFlag(), States.flag(true), CrdtDeltas.flag(true))),
        uf("Flag: delete action sent to entity", deleteFromProxy(FLAG)),

        uf("ORMap: initial empty state", initialState(ORMAP, States.ormap(), CrdtEffects.NONE)),
        uf("ORMap: state changes", CrdtMapScenarios::changes),
        uf("ORMap: initial delta in init", CrdtMapScenarios::initialDelta),
        uf("ORMap: initial empty state with replicated initial delta", CrdtMapScenarios::replicatedDelta),
        uf("ORMap: mix of local and replicated state changes", CrdtMapScenarios::mix),
        uf("ORMap: rehydration after passivation", CrdtMapScenarios::rehydration),
        uf("ORMap: delete action received from entity", CrdtMapScenarios::deleteFromEntity),
        uf("ORMap: delete action sent to entity", deleteFromProxy(ORMAP)),

        uf("Vote: initial empty state", initialState(VOTE, States.vote(false, 0, 1), CrdtEffects.NONE)),
        uf("Vote: state changes", CrdtTypeScenarios::voteChanges),
        uf("Vote: initial delta in init", CrdtTypeScenarios::voteInit),
        uf("Vote: initial empty state with replicated initial delta", CrdtTypeScenarios::voteReplicated),
        uf("Vote: mix of local and replicated state changes", CrdtTypeScenarios::voteMix),
        uf("Vote: rehydration after passivation", CrdtTypeScenarios::voteRehydration),
        uf("Vote: delete action received from entity",
            deleteFromEntity(VOTE, vote(true), States.vote(true, 1, 1), CrdtDeltas.vote(true, 0, 0))),
        uf("Vote: delete action sent to entity", deleteFromProxy(VOTE)));
  }

  // --- what every type shares

  private static Scenario uf(String name, Scenario.Body body) {
    return Scenario.userFunction(name, CrdtScenarios.MODEL, body);
  }

  static CrdtEntityStream connect(TckContext tck) {
    return new CrdtEntityStream(tck.connectCrdt());
  }

  /** Command {@code commandId} of the stream: {@code Process} with these actions. */
  static CrdtStreamIn process(long commandId, String id, RequestAction... actions) {
    return command(commandId, id, PROCESS, request(id, actions));
  }

  static CrdtEffects updated(CrdtDelta delta) {
    return CrdtEffects.update(delta);
  }

  private static Scenario.Body initialState(String type, Response state, CrdtEffects effects) {
    return tck -> {
      String id = tck.newEntityId(type);
      try (CrdtEntityStream entity = connect(tck)) {
        entity.send(init(SERVICE, id))
            .send(process(1, id))
            .expect(reply(1, state, effects))
            .passivate();
      }
    };
  }

  /** The entity deletes its CRDT: the reply carries the state before the delete, and the delete. */
  private static Scenario.Body deleteFromEntity(String type, RequestAction update, Response state, CrdtDelta delta) {
    return tck -> {
      String id = tck.newEntityId(type);
      try (CrdtEntityStream entity = connect(tck)) {
        entity.send(init(SERVICE, id))
            .send(process(1, id, update))
            .expect(reply(1, state, updated(delta)))
            .send(process(2, id, deleteCrdt()))
            .expect(reply(2, state, CrdtEffects.delete()))
            .passivate();
      }
    };
  }

  /** The CRDT was deleted elsewhere: the user function answers nothing, and ends the stream when the proxy does. */
  private static Scenario.Body deleteFromProxy(String type) {
    return tck -> {
      String id = tck.newEntityId(type);
      try (CrdtEntityStream entity = connect(tck)) {
        entity.send(init(SERVICE, id))
            .send(delete())
            .passivate();
      }
    };
  }

  // --- GCounter

  private static void gcounterChanges(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, increment(42)))
          .expect(reply(1, States.gcounter(42), updated(CrdtDeltas.gcounter(42))))
          .send(process(2, id, increment(1), increment(2), increment(3)))
          .expect(reply(2, States.gcounter(48), updated(CrdtDeltas.gcounter(6))))
          .passivate();
    }
  }

  private static void gcounterInit(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.gcounter(42)))
          .send(process(1, id, increment(123)))
          .expect(reply(1, States.gcounter(165), updated(CrdtDeltas.gcounter(123))))
          .passivate();
    }
  }

  private static void gcounterReplicated(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.gcounter(42)))
          .send(process(1, id, increment(123)))
          .expect(reply(1, States.gcounter(165), updated(CrdtDeltas.gcounter(123))))
          .passivate();
    }
  }

  private static void gcounterMix(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, increment(1)))
          .expect(reply(1, States.gcounter(1), updated(CrdtDeltas.gcounter(1))))
          .send(delta(CrdtDeltas.gcounter(2)))
          .send(delta(CrdtDeltas.gcounter(3)))
          .send(process(2, id))
          .expect(reply(2, States.gcounter(6)))
          .send(process(3, id, increment(4)))
          .expect(reply(3, States.gcounter(10), updated(CrdtDeltas.gcounter(4))))
          .send(delta(CrdtDeltas.gcounter(5)))
          .send(process(4, id, increment(6)))
          .expect(reply(4, States.gcounter(21), updated(CrdtDeltas.gcounter(6))))
          .passivate();
    }
  }

  private static void gcounterRehydration(TckContext tck) {
    String id = tck.newEntityId(GCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, increment(1)))
          .expect(reply(1, States.gcounter(1), updated(CrdtDeltas.gcounter(1))))
          .send(delta(CrdtDeltas.gcounter(2)))
          .send(process(2, id))
          .expect(reply(2, States.gcounter(3)))
          .send(process(3, id, increment(3)))
          .expect(reply(3, States.gcounter(6), updated(CrdtDeltas.gcounter(3))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.gcounter(6)))
          .send(process(1, id))
          .expect(reply(1, States.gcounter(6)))
          .send(delta(CrdtDeltas.gcounter(4)))
          .send(process(2, id, increment(5)))
          .expect(reply(2, States.gcounter(15), updated(CrdtDeltas.gcounter(5))))
          .passivate();
    }
  }

  // --- PNCounter

  private static void pncounterChanges(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, change(1), change(-2), change(3)))
          .expect(reply(1, States.pncounter(2), updated(CrdtDeltas.pncounter(2))))
          .send(process(2, id, change(-4), change(5), change(-6)))
          .expect(reply(2, States.pncounter(-3), updated(CrdtDeltas.pncounter(-5))))
          .passivate();
    }
  }

  private static void pncounterInit(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.pncounter(42)))
          .send(process(1, id, change(-123)))
          .expect(reply(1, States.pncounter(-81), updated(CrdtDeltas.pncounter(-123))))
          .passivate();
    }
  }

  private static void pncounterReplicated(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.pncounter(-42)))
          .send(process(1, id, change(123)))
          .expect(reply(1, States.pncounter(81), updated(CrdtDeltas.pncounter(123))))
          .passivate();
    }
  }

  private static void pncounterMix(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, change(1)))
          .expect(reply(1, States.pncounter(1), updated(CrdtDeltas.pncounter(1))))
          .send(delta(CrdtDeltas.pncounter(-2)))
          .send(delta(CrdtDeltas.pncounter(3)))
          .send(process(2, id))
          .expect(reply(2, States.pncounter(2)))
          .send(process(3, id, change(-4)))
          .expect(reply(3, States.pncounter(-2), updated(CrdtDeltas.pncounter(-4))))
          .send(delta(CrdtDeltas.pncounter(5)))
          .send(process(4, id, change(-6)))
          .expect(reply(4, States.pncounter(-3), updated(CrdtDeltas.pncounter(-6))))
          .passivate();
    }
  }

  private static void pncounterRehydration(TckContext tck) {
    String id = tck.newEntityId(PNCOUNTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, change(1)))
          .expect(reply(1, States.pncounter(1), updated(CrdtDeltas.pncounter(1))))
          .send(delta(CrdtDeltas.pncounter(-2)))
          .send(process(2, id))
          .expect(reply(2, States.pncounter(-1)))
          .send(process(3, id, change(3)))
          .expect(reply(3, States.pncounter(2), updated(CrdtDeltas.pncounter(3))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.pncounter(2)))
          .send(process(1, id))
          .expect(reply(1, States.pncounter(2)))
          .send(delta(CrdtDeltas.pncounter(-4)))
          .send(process(2, id, change(5)))
          .expect(reply(2, States.pncounter(3), updated(CrdtDeltas.pncounter(5))))
          .passivate();
    }
  }

  // --- GSet

  private static void gsetChanges(TckContext tck) {
    String id = tck.newEntityId(GSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, gsetAdd("a"), gsetAdd("b")))
          .expect(reply(1, States.gset("a", "b"), updated(CrdtDeltas.gset("a", "b"))))
          .send(process(2, id, gsetAdd("b"), gsetAdd("c")))
          .expect(reply(2, States.gset("a", "b", "c"), updated(CrdtDeltas.gset("c"))))
          .send(process(3, id, gsetAdd("c"), gsetAdd("a")))
          .expect(reply(3, States.gset("a", "b", "c")))
          .passivate();
    }
  }

  private static void gsetInit(TckContext tck) {
    String id = tck.newEntityId(GSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.gset("a", "b", "c")))
          .send(process(1, id, gsetAdd("c"), gsetAdd("d"), gsetAdd("e")))
          .expect(reply(1, States.gset("a", "b", "c", "d", "e"), updated(CrdtDeltas.gset("d", "e"))))
          .passivate();
    }
  }

  private static void gsetReplicated(TckContext tck) {
    String id = tck.newEntityId(GSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.gset("x", "y")))
          .send(process(1, id, gsetAdd("z")))
          .expect(reply(1, States.gset("x", "y", "z"), updated(CrdtDeltas.gset("z"))))
          .passivate();
    }
  }

  private static void gsetMix(TckContext tck) {
    String id = tck.newEntityId(GSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, gsetAdd("a")))
          .expect(reply(1, States.gset("a"), updated(CrdtDeltas.gset("a"))))
          .send(delta(CrdtDeltas.gset("a")))
          .send(delta(CrdtDeltas.gset("b")))
          .send(delta(CrdtDeltas.gset("c")))
          .send(process(2, id))
          .expect(reply(2, States.gset("a", "b", "c")))
          .send(process(3, id, gsetAdd("c"), gsetAdd("d"), gsetAdd("e")))
          .expect(reply(3, States.gset("a", "b", "c", "d", "e"), updated(CrdtDeltas.gset("d", "e"))))
          .send(delta(CrdtDeltas.gset("f")))
          .send(process(4, id, gsetAdd("g"), gsetAdd("d"), gsetAdd("b")))
          .expect(reply(4, States.gset("a", "b", "c", "d", "e", "f", "g"), updated(CrdtDeltas.gset("g"))))
          .passivate();
    }
  }

  private static void gsetRehydration(TckContext tck) {
    String id = tck.newEntityId(GSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, gsetAdd("a")))
          .expect(reply(1, States.gset("a"), updated(CrdtDeltas.gset("a"))))
          .send(delta(CrdtDeltas.gset("b")))
          .send(process(2, id))
          .expect(reply(2, States.gset("a", "b")))
          .send(process(3, id, gsetAdd("c")))
          .expect(reply(3, States.gset("a", "b", "c"), updated(CrdtDeltas.gset("c"))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.gset("a", "b", "c")))
          .send(process(1, id))
          .expect(reply(1, States.gset("a", "b", "c")))
          .send(delta(CrdtDeltas.gset("d")))
          .send(process(2, id, gsetAdd("e")))
          .expect(reply(2, States.gset("a", "b", "c", "d", "e"), updated(CrdtDeltas.gset("e"))))
          .passivate();
    }
  }

  // --- ORSet

  private static void orsetChanges(TckContext tck) {
    String id = tck.newEntityId(ORSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, orsetAdd("a"), orsetAdd("b")))
          .expect(reply(1, States.orset("a", "b"), updated(CrdtDeltas.orsetAdded("a", "b"))))
          .send(process(2, id, orsetAdd("b"), orsetAdd("c")))
          .expect(reply(2, States.orset("a", "b", "c"), updated(CrdtDeltas.orsetAdded("c"))))
          .send(process(3, id, orsetAdd("c"), orsetAdd("a")))
          .expect(reply(3, States.orset("a", "b", "c")))
          .send(process(4, id, orsetRemove("b"), orsetRemove("d")))
          .expect(reply(4, States.orset("a", "c"), updated(CrdtDeltas.orsetRemoved("b"))))
          .send(process(5, id, orsetRemove("c"), orsetRemove("d"), orsetAdd("b"), orsetAdd("c")))
          .expect(reply(5, States.orset("a", "b", "c"), updated(CrdtDeltas.orsetAdded("b"))))
          .send(process(6, id, orsetClear()))
          .expect(reply(6, States.orset(), updated(orset(true, List.of(), List.of()))))
          .send(process(7, id, orsetAdd("a"), orsetClear(), orsetAdd("x")))
          .expect(reply(7, States.orset("x"), updated(orset(true, List.of(), List.of("x")))))
          .passivate();
    }
  }

  private static void orsetInit(TckContext tck) {
    String id = tck.newEntityId(ORSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.orsetAdded("a", "b", "c")))
          .send(process(1, id, orsetRemove("c"), orsetAdd("d")))
          .expect(reply(1, States.orset("a", "b", "d"), updated(orset(false, List.of("c"), List.of("d")))))
          .passivate();
    }
  }

  private static void orsetReplicated(TckContext tck) {
    String id = tck.newEntityId(ORSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.orsetAdded("x", "y")))
          .send(process(1, id, orsetRemove("x"), orsetAdd("z")))
          .expect(reply(1, States.orset("y", "z"), updated(orset(false, List.of("x"), List.of("z")))))
          .passivate();
    }
  }

  private static void orsetMix(TckContext tck) {
    String id = tck.newEntityId(ORSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, orsetAdd("a")))
          .expect(reply(1, States.orset("a"), updated(CrdtDeltas.orsetAdded("a"))))
          .send(delta(CrdtDeltas.orsetAdded("a", "b")))
          .send(delta(CrdtDeltas.orsetAdded("c", "d")))
          .send(delta(CrdtDeltas.orsetRemoved("b", "d")))
          .send(process(2, id))
          .expect(reply(2, States.orset("a", "c")))
          .send(process(3, id, orsetAdd("c"), orsetAdd("d"), orsetAdd("e")))
          .expect(reply(3, States.orset("a", "c", "d", "e"), updated(CrdtDeltas.orsetAdded("d", "e"))))
          .send(delta(orset(false, List.of("a", "c"), List.of("f"))))
          .send(process(4, id, orsetAdd("g"), orsetRemove("a"), orsetRemove("d")))
          .expect(reply(4, States.orset("e", "f", "g"), updated(orset(false, List.of("d"), List.of("g")))))
          .send(delta(orset(true, List.of(), List.of("x", "y", "z"))))
          .send(process(5, id, orsetAdd("q"), orsetAdd("x"), orsetRemove("z")))
          .expect(reply(5, States.orset("q", "x", "y"), updated(orset(false, List.of("z"), List.of("q")))))
          .send(delta(orset(false, List.of("x", "y"), List.of("r", "p"))))
          .send(process(6, id, orsetAdd("s")))
          .expect(reply(6, States.orset("p", "q", "r", "s"), updated(CrdtDeltas.orsetAdded("s"))))
          .send(delta(CrdtDeltas.orsetAdded("a", "b", "c")))
          .send(process(7, id, orsetClear(), orsetAdd("abc")))
          .expect(reply(7, States.orset("abc"), updated(orset(true, List.of(), List.of("abc")))))
          .passivate();
    }
  }

  private static void orsetRehydration(TckContext tck) {
    String id = tck.newEntityId(ORSET);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, orsetAdd("a")))
          .expect(reply(1, States.orset("a"), updated(CrdtDeltas.orsetAdded("a"))))
          .send(delta(orset(false, List.of("a"), List.of("b"))))
          .send(process(2, id))
          .expect(reply(2, States.orset("b")))
          .send(process(3, id, orsetAdd("c")))
          .expect(reply(3, States.orset("b", "c"), updated(CrdtDeltas.orsetAdded("c"))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.orsetAdded("b", "c")))
          .send(process(1, id))
          .expect(reply(1, States.orset("b", "c")))
          .send(delta(orset(true, List.of(), List.of("p", "q"))))
          .send(process(2, id, orsetAdd("x"), orsetAdd("y"), orsetRemove("x")))
          .expect(reply(2, States.orset("p", "q", "y"), updated(CrdtDeltas.orsetAdded("y"))))
          .passivate();
    }
  }

  // --- LWWRegister

  private static void registerChanges(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, register("one")))
          .expect(reply(1, States.register("one"), updated(CrdtDeltas.lwwRegister("one"))))
          .send(process(2, id, register("two")))
          .expect(reply(2, States.register("two"), updated(CrdtDeltas.lwwRegister("two"))))
          .passivate();
    }
  }

  private static void registerInit(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.lwwRegister("one")))
          .send(process(1, id))
          .expect(reply(1, States.register("one")))
          .passivate();
    }
  }

  private static void registerReplicated(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.lwwRegister("one")))
          .send(process(1, id))
          .expect(reply(1, States.register("one")))
          .passivate();
    }
  }

  private static void registerMix(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, register("A")))
          .expect(reply(1, States.register("A"), updated(CrdtDeltas.lwwRegister("A"))))
          .send(delta(CrdtDeltas.lwwRegister("B")))
          .send(delta(CrdtDeltas.lwwRegister("C")))
          .send(process(2, id))
          .expect(reply(2, States.register("C")))
          .send(process(3, id, register("D")))
          .expect(reply(3, States.register("D"), updated(CrdtDeltas.lwwRegister("D"))))
          .send(delta(CrdtDeltas.lwwRegister("D")))
          .send(process(4, id, register("E")))
          .expect(reply(4, States.register("E"), updated(CrdtDeltas.lwwRegister("E"))))
          .passivate();
    }
  }

  /** Setting the register again, even to its value, is a change: the delta carries the clock asked for. */
  private static void registerClocks(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, register("A", LWWRegisterClockType.REVERSE, 0)))
          .expect(reply(1, States.register("A"), updated(CrdtDeltas.lwwRegister("A", CrdtClock.REVERSE, 0))))
          .send(process(2, id, register("A", LWWRegisterClockType.CUSTOM, 123)))
          .expect(reply(2, States.register("A"), updated(CrdtDeltas.lwwRegister("A", CrdtClock.CUSTOM, 123))))
          .send(process(3, id, register("A", LWWRegisterClockType.CUSTOM_AUTO_INCREMENT, 456)))
          .expect(reply(3, States.register("A"),
              updated(CrdtDeltas.lwwRegister("A", CrdtClock.CUSTOM_AUTO_INCREMENT, 456))))
          .passivate();
    }
  }

  private static void registerRehydration(TckContext tck) {
    String id = tck.newEntityId(LWWREGISTER);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, register("A")))
          .expect(reply(1, States.register("A"), updated(CrdtDeltas.lwwRegister("A"))))
          .send(delta(CrdtDeltas.lwwRegister("B")))
          .send(process(2, id))
          .expect(reply(2, States.register("B")))
          .send(process(3, id, register("C")))
          .expect(reply(3, States.register("C"), updated(CrdtDeltas.lwwRegister("C"))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.lwwRegister("C")))
          .send(process(1, id))
          .expect(reply(1, States.register("C")))
          .send(delta(CrdtDeltas.lwwRegister("D")))
          .send(process(2, id, register("E")))
          .expect(reply(2, States.register("E"), updated(CrdtDeltas.lwwRegister("E"))))
          .passivate();
    }
  }

  // --- Flag

  private static void flagChanges(TckContext tck) {
    String id = tck.newEntityId(FLAG);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, enableFlag()))
          .expect(reply(1, States.flag(true), updated(CrdtDeltas.flag(true))))
          .passivate();
    }
  }

  private static void flagInit(TckContext tck) {
    String id = tck.newEntityId(FLAG);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.flag(false)))
          .send(process(1, id))
          .expect(reply(1, States.flag(false)))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.flag(true)))
          .send(process(1, id))
          .expect(reply(1, States.flag(true)))
          .passivate();
    }
  }

  private static void flagReplicated(TckContext tck) {
    String id = tck.newEntityId(FLAG);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.flag(false)))
          .send(process(1, id))
          .expect(reply(1, States.flag(false)))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.flag(true)))
          .send(process(1, id))
          .expect(reply(1, States.flag(true)))
          .passivate();
    }
  }

  /** A flag once set stays set: a delta of false changes nothing, and setting it again is no change. */
  private static void flagMix(TckContext tck) {
    String id = tck.newEntityId(FLAG);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.flag(false)))
          .send(process(1, id))
          .expect(reply(1, States.flag(false)))
          .send(process(2, id, enableFlag()))
          .expect(reply(2, States.flag(true), updated(CrdtDeltas.flag(true))))
          .send(delta(CrdtDeltas.flag(true)))
          .send(delta(CrdtDeltas.flag(false)))
          .send(process(3, id))
          .expect(reply(3, States.flag(true)))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.flag(true)))
          .send(process(1, id))
          .expect(reply(1, States.flag(true)))
          .send(process(2, id, enableFlag()))
          .expect(reply(2, States.flag(true)))
          .send(delta(CrdtDeltas.flag(true)))
          .send(delta(CrdtDeltas.flag(false)))
          .send(process(3, id))
          .expect(reply(3, States.flag(true)))
          .passivate();
    }
  }

  private static void flagRehydration(TckContext tck) {
    String id = tck.newEntityId(FLAG);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id))
          .expect(reply(1, States.flag(false)))
          .send(process(2, id, enableFlag()))
          .expect(reply(2, States.flag(true), updated(CrdtDeltas.flag(true))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.flag(true)))
          .send(process(1, id))
          .expect(reply(1, States.flag(true)))
          .passivate();
    }
  }

  // --- Vote

  private static void voteChanges(TckContext tck) {
    String id = tck.newEntityId(VOTE);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, vote(true)))
          .expect(reply(1, States.vote(true, 1, 1), updated(CrdtDeltas.vote(true, 0, 0))))
          .send(process(2, id, vote(true)))
          .expect(reply(2, States.vote(true, 1, 1)))
          .send(process(3, id, vote(false)))
          .expect(reply(3, States.vote(false, 0, 1), updated(CrdtDeltas.vote(false, 0, 0))))
          .send(process(4, id, vote(false)))
          .expect(reply(4, States.vote(false, 0, 1)))
          .passivate();
    }
  }

  private static void voteInit(TckContext tck) {
    String id = tck.newEntityId(VOTE);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.vote(true, 2, 3)))
          .send(process(1, id))
          .expect(reply(1, States.vote(true, 2, 3)))
          .send(process(2, id, vote(false)))
          .expect(reply(2, States.vote(false, 1, 3), updated(CrdtDeltas.vote(false, 0, 0))))
          .passivate();
    }
  }

  private static void voteReplicated(TckContext tck) {
    String id = tck.newEntityId(VOTE);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.vote(false, 3, 5)))
          .send(process(1, id))
          .expect(reply(1, States.vote(false, 3, 5)))
          .send(process(2, id, vote(true)))
          .expect(reply(2, States.vote(true, 4, 5), updated(CrdtDeltas.vote(true, 0, 0))))
          .passivate();
    }
  }

  /** A vote delta from the proxy carries the whole tally, this node's vote included. */
  private static void voteMix(TckContext tck) {
    String id = tck.newEntityId(VOTE);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(CrdtDeltas.vote(false, 2, 4)))
          .send(process(1, id))
          .expect(reply(1, States.vote(false, 2, 4)))
          .send(process(2, id, vote(true)))
          .expect(reply(2, States.vote(true, 3, 4), updated(CrdtDeltas.vote(true, 0, 0))))
          .send(delta(CrdtDeltas.vote(true, 5, 7)))
          .send(delta(CrdtDeltas.vote(true, 4, 6)))
          .send(process(3, id, vote(false)))
          .expect(reply(3, States.vote(false, 3, 6), updated(CrdtDeltas.vote(false, 0, 0))))
          .passivate();
    }
  }

  private static void voteRehydration(TckContext tck) {
    String id = tck.newEntityId(VOTE);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id))
          .expect(reply(1, States.vote(false, 0, 1)))
          .send(delta(CrdtDeltas.vote(false, 2, 5)))
          .send(process(2, id, vote(true)))
          .expect(reply(2, States.vote(true, 3, 5), updated(CrdtDeltas.vote(true, 0, 0))))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, CrdtDeltas.vote(true, 3, 5)))
          .send(process(1, id))
          .expect(reply(1, States.vote(true, 3, 5)))
          .send(process(2, id, vote(false)))
          .expect(reply(2, States.vote(false, 2, 5), updated(CrdtDeltas.vote(false, 0, 0))))
          .passivate();
    }
  }
}
