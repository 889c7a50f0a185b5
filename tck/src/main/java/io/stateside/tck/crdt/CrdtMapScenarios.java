package io.stateside.tck.crdt;

import static io.stateside.tck.crdt.CrdtModel.ORMAP;
import static io.stateside.tck.crdt.CrdtModel.SERVICE;
import static io.stateside.tck.crdt.CrdtModel.deleteCrdt;
import static io.stateside.tck.crdt.CrdtTypeScenarios.connect;
import static io.stateside.tck.crdt.CrdtTypeScenarios.process;
import static io.stateside.tck.crdt.CrdtTypeScenarios.updated;
import static io.stateside.tck.crdt.States.entry;
import static io.stateside.tck.crdt.Updates.change;
import static io.stateside.tck.crdt.Updates.enableFlag;
import static io.stateside.tck.crdt.Updates.gsetAdd;
import static io.stateside.tck.crdt.Updates.increment;
import static io.stateside.tck.crdt.Updates.mapAdd;
import static io.stateside.tck.crdt.Updates.mapClear;
import static io.stateside.tck.crdt.Updates.mapRemove;
import static io.stateside.tck.crdt.Updates.mapUpdate;
import static io.stateside.tck.crdt.Updates.orsetAdd;
import static io.stateside.tck.crdt.Updates.orsetRemove;
import static io.stateside.tck.crdt.Updates.register;
import static io.stateside.tck.protocol.CrdtDeltas.ormap;
import static io.stateside.tck.protocol.CrdtMessages.delta;
import static io.stateside.tck.protocol.CrdtMessages.init;
import static io.stateside.tck.protocol.CrdtMessages.reply;

import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import io.stateside.tck.protocol.CrdtDeltas;
import io.stateside.tck.protocol.CrdtEffects;
import io.stateside.tck.scenario.TckContext;
import java.util.List;

/**
 * ORMaps, whose values are CRDTs of the kind their key's prefix names: an update of a value is
 * a nested delta, in {@code added} for a key new to the map and in {@code updated} otherwise.
 */
final class CrdtMapScenarios {

  private static final String COUNTER = "PNCounter-1";
  private static final String SET = "ORSet-1";
  private static final String REGISTER = "LWWRegister-1";

  private CrdtMapScenarios() {}

  /** A value's delta at a key ({@code entry} is the state's entry, from {@link States}). */
  private static ORMapEntryDelta entryDelta(String key, CrdtDelta delta) {
    return CrdtDeltas.entry(key, delta);
  }

  private static CrdtDelta mapDelta(boolean cleared, List<String> removed, List<ORMapEntryDelta> updated,
                                    List<ORMapEntryDelta> added) {
    return ormap(ormap().setCleared(cleared)
        .addAllRemoved(CrdtDeltas.strings(removed.toArray(String[]::new)))
        .addAllUpdated(updated)
        .addAllAdded(added));
  }

  private static CrdtEffects mapUpdated(boolean cleared, List<String> removed, List<ORMapEntryDelta> updated,
                                        List<ORMapEntryDelta> added) {
    return updated(mapDelta(cleared, removed, updated, added));
  }

  private static CrdtDelta emptyOrset() {
    return CrdtDeltas.orset(false, List.of(), List.of());
  }

  static void changes(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, mapAdd(COUNTER), mapAdd(SET)))
          .expect(reply(1, States.ormap(entry(SET, States.orset()), entry(COUNTER, States.pncounter(0))),
              mapUpdated(false, List.of(), List.of(),
                  List.of(entryDelta(SET, emptyOrset()), entryDelta(COUNTER, CrdtDeltas.pncounter(0))))))
          .send(process(2, id, mapAdd(SET), mapUpdate(REGISTER, register("zero"))))
          .expect(reply(2, States.ormap(entry(REGISTER, States.register("zero")), entry(SET, States.orset()),
                  entry(COUNTER, States.pncounter(0))),
              mapUpdated(false, List.of(), List.of(), List.of(entryDelta(REGISTER, CrdtDeltas.lwwRegister("zero"))))))
          .send(process(3, id, mapUpdate(COUNTER, change(42)), mapUpdate(REGISTER, register("one"))))
          .expect(reply(3, States.ormap(entry(REGISTER, States.register("one")), entry(SET, States.orset()),
                  entry(COUNTER, States.pncounter(42))),
              mapUpdated(false, List.of(), List.of(entryDelta(REGISTER, CrdtDeltas.lwwRegister("one")),
                  entryDelta(COUNTER, CrdtDeltas.pncounter(42))), List.of())))
          .send(process(4, id, mapUpdate(SET, orsetAdd("a")), mapUpdate(SET, orsetAdd("b")),
              mapUpdate(SET, orsetAdd("c"))))
          .expect(reply(4, States.ormap(entry(REGISTER, States.register("one")), entry(SET, States.orset("a", "b", "c")),
                  entry(COUNTER, States.pncounter(42))),
              mapUpdated(false, List.of(), List.of(entryDelta(SET, CrdtDeltas.orsetAdded("a", "b", "c"))), List.of())))
          .send(process(5, id, mapUpdate(SET, orsetRemove("b")), mapUpdate(SET, orsetAdd("d")),
              mapUpdate(COUNTER, change(-123)), mapUpdate(REGISTER, register("two"))))
          .expect(reply(5, States.ormap(entry(REGISTER, States.register("two")), entry(SET, States.orset("a", "c", "d")),
                  entry(COUNTER, States.pncounter(-81))),
              mapUpdated(false, List.of(), List.of(entryDelta(REGISTER, CrdtDeltas.lwwRegister("two")),
                  entryDelta(SET, CrdtDeltas.orset(false, List.of("b"), List.of("d"))),
                  entryDelta(COUNTER, CrdtDeltas.pncounter(-123))), List.of())))
          .send(process(6, id, mapRemove(SET)))
          .expect(reply(6, States.ormap(entry(REGISTER, States.register("two")), entry(COUNTER, States.pncounter(-81))),
              mapUpdated(false, List.of(SET), List.of(), List.of())))
          .send(process(7, id, mapRemove(REGISTER), mapUpdate("Flag-1", enableFlag())))
          .expect(reply(7, States.ormap(entry("Flag-1", States.flag(true)), entry(COUNTER, States.pncounter(-81))),
              mapUpdated(false, List.of(REGISTER), List.of(), List.of(entryDelta("Flag-1", CrdtDeltas.flag(true))))))
          .send(process(8, id, mapClear()))
          .expect(reply(8, States.ormap(), mapUpdated(true, List.of(), List.of(), List.of())))
          .send(process(9, id, mapAdd("PNCounter-2"), mapClear(), mapUpdate("GCounter-1", increment(123))))
          .expect(reply(9, States.ormap(entry("GCounter-1", States.gcounter(123))),
              mapUpdated(true, List.of(), List.of(), List.of(entryDelta("GCounter-1", CrdtDeltas.gcounter(123))))))
          .passivate();
    }
  }

  static void initialDelta(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    CrdtDelta state = mapDelta(false, List.of(), List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(123)),
        entryDelta(REGISTER, CrdtDeltas.lwwRegister("one")), entryDelta("GSet-1", CrdtDeltas.gset("a", "b", "c"))));
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id, state))
          .send(process(1, id))
          .expect(reply(1, States.ormap(entry("GSet-1", States.gset("a", "b", "c")),
              entry(REGISTER, States.register("one")), entry(COUNTER, States.pncounter(123)))))
          .send(process(2, id, mapRemove(REGISTER), mapUpdate(COUNTER, change(-42))))
          .expect(reply(2, States.ormap(entry("GSet-1", States.gset("a", "b", "c")), entry(COUNTER, States.pncounter(81))),
              mapUpdated(false, List.of(REGISTER), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(-42))), List.of())))
          .passivate();
    }
  }

  static void replicatedDelta(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(mapDelta(false, List.of(), List.of(), List.of(entryDelta("GCounter-1", CrdtDeltas.gcounter(42)),
              entryDelta(SET, CrdtDeltas.orsetAdded("a", "b", "c")), entryDelta("Flag-1", CrdtDeltas.flag(false))))))
          .send(process(1, id))
          .expect(reply(1, States.ormap(entry("Flag-1", States.flag(false)), entry("GCounter-1", States.gcounter(42)),
              entry(SET, States.orset("a", "b", "c")))))
          .passivate();
    }
  }

  static void mix(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, mapAdd(COUNTER)))
          .expect(reply(1, States.ormap(entry(COUNTER, States.pncounter(0))),
              mapUpdated(false, List.of(), List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(0))))))
          .send(delta(mapDelta(false, List.of(), List.of(), List.of(entryDelta(SET, CrdtDeltas.orsetAdded("x"))))))
          .send(delta(mapDelta(false, List.of(), List.of(entryDelta(SET, CrdtDeltas.orsetAdded("y", "z"))),
              List.of(entryDelta(REGISTER, CrdtDeltas.lwwRegister("one"))))))
          .send(process(2, id, mapAdd("ORSet-2"), mapUpdate("LWWRegister-2", register("two"))))
          .expect(reply(2, States.ormap(entry(REGISTER, States.register("one")),
                  entry("LWWRegister-2", States.register("two")), entry(SET, States.orset("x", "y", "z")),
                  entry("ORSet-2", States.orset()), entry(COUNTER, States.pncounter(0))),
              mapUpdated(false, List.of(), List.of(), List.of(entryDelta("LWWRegister-2", CrdtDeltas.lwwRegister("two")),
                  entryDelta("ORSet-2", emptyOrset())))))
          .send(process(3, id, mapUpdate(COUNTER, change(42)), mapUpdate(REGISTER, register("ONE"))))
          .expect(reply(3, States.ormap(entry(REGISTER, States.register("ONE")),
                  entry("LWWRegister-2", States.register("two")), entry(SET, States.orset("x", "y", "z")),
                  entry("ORSet-2", States.orset()), entry(COUNTER, States.pncounter(42))),
              mapUpdated(false, List.of(), List.of(entryDelta(REGISTER, CrdtDeltas.lwwRegister("ONE")),
                  entryDelta(COUNTER, CrdtDeltas.pncounter(42))), List.of())))
          .send(delta(mapDelta(false, List.of("LWWRegister-2"), List.of(), List.of(entryDelta("ORMap-1",
              mapDelta(false, List.of(), List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(123)))))))))
          .send(delta(mapDelta(false, List.of(SET), List.of(entryDelta("ORSet-2", CrdtDeltas.orsetAdded("a", "b", "c")),
              entryDelta("ORMap-1", mapDelta(false, List.of(), List.of(),
                  List.of(entryDelta(REGISTER, CrdtDeltas.lwwRegister("ABC")))))), List.of())))
          .send(process(4, id, mapUpdate("ORMap-1", mapUpdate(COUNTER, change(-456)))))
          .expect(reply(4, States.ormap(entry(REGISTER, States.register("ONE")),
                  entry("ORMap-1", States.ormap(entry(REGISTER, States.register("ABC")),
                      entry(COUNTER, States.pncounter(-333)))),
                  entry("ORSet-2", States.orset("a", "b", "c")), entry(COUNTER, States.pncounter(42))),
              mapUpdated(false, List.of(), List.of(entryDelta("ORMap-1", mapDelta(false, List.of(),
                  List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(-456))), List.of()))), List.of())))
          .send(delta(mapDelta(true, List.of(), List.of(), List.of(entryDelta("GSet-1", CrdtDeltas.gset("1", "2", "3"))))))
          .send(process(5, id, mapRemove(COUNTER), mapRemove(REGISTER), mapUpdate("GSet-1", gsetAdd("2")),
              mapUpdate("GSet-1", gsetAdd("4")), mapUpdate("GSet-1", gsetAdd("6"))))
          .expect(reply(5, States.ormap(entry("GSet-1", States.gset("1", "2", "3", "4", "6"))),
              mapUpdated(false, List.of(), List.of(entryDelta("GSet-1", CrdtDeltas.gset("4", "6"))), List.of())))
          .send(process(6, id, mapClear(), mapAdd("GCounter-1")))
          .expect(reply(6, States.ormap(entry("GCounter-1", States.gcounter(0))),
              mapUpdated(true, List.of(), List.of(), List.of(entryDelta("GCounter-1", CrdtDeltas.gcounter(0))))))
          .send(delta(mapDelta(false, List.of("GSet-1"), List.of(),
              List.of(entryDelta("GCounter-1", CrdtDeltas.gcounter(42))))))
          .send(process(7, id, mapUpdate("GCounter-1", increment(7))))
          .expect(reply(7, States.ormap(entry("GCounter-1", States.gcounter(49))),
              mapUpdated(false, List.of(), List.of(entryDelta("GCounter-1", CrdtDeltas.gcounter(7))), List.of())))
          .passivate();
    }
  }

  static void rehydration(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(delta(mapDelta(false, List.of(), List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(123))))))
          .send(process(1, id, mapUpdate(COUNTER, change(321))))
          .expect(reply(1, States.ormap(entry(COUNTER, States.pncounter(444))),
              mapUpdated(false, List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(321))), List.of())))
          .passivate();
    }
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id,
              mapDelta(false, List.of(), List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(444))))))
          .send(process(1, id))
          .expect(reply(1, States.ormap(entry(COUNTER, States.pncounter(444)))))
          .send(delta(mapDelta(false, List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(-42))), List.of())))
          .send(process(2, id, mapUpdate(COUNTER, change(-360))))
          .expect(reply(2, States.ormap(entry(COUNTER, States.pncounter(42))),
              mapUpdated(false, List.of(), List.of(entryDelta(COUNTER, CrdtDeltas.pncounter(-360))), List.of())))
          .passivate();
    }
  }

  /** The delete replaces the command's update: the reply carries the state after the update, and the delete. */
  static void deleteFromEntity(TckContext tck) {
    String id = tck.newEntityId(ORMAP);
    try (CrdtEntityStream entity = connect(tck)) {
      entity.send(init(SERVICE, id))
          .send(process(1, id, mapAdd("Flag-1")))
          .expect(reply(1, States.ormap(entry("Flag-1", States.flag(false))),
              mapUpdated(false, List.of(), List.of(), List.of(entryDelta("Flag-1", CrdtDeltas.flag(false))))))
          .send(process(2, id, mapUpdate("Flag-1", enableFlag()), deleteCrdt()))
          .expect(reply(2, States.ormap(entry("Flag-1", States.flag(true))), CrdtEffects.delete()))
          .passivate();
    }
  }
}
