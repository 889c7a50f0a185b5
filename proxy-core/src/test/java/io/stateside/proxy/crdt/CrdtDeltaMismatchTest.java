package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.ORMapDeltasTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.cluster.ddata.ReplicatedData;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import org.junit.jupiter.api.Test;

class CrdtDeltaMismatchTest {

  private final CrdtDeltas deltas = new CrdtDeltas(TwoNodes.A);

  @Test
  void anEmptyDeltaCreatesNothing() {
    CrdtDeltaMismatch mismatch = assertThrows(CrdtDeltaMismatch.class,
        () -> deltas.create(CrdtDelta.getDefaultInstance()));

    assertEquals("The user function sent an empty CRDT delta", mismatch.getMessage());
  }

  @Test
  void anEmptyDeltaChangesNothing() {
    ReplicatedData counter = deltas.create(GCounterDeltasTest.increment(1));

    CrdtDeltaMismatch mismatch = assertThrows(CrdtDeltaMismatch.class,
        () -> deltas.apply(counter, CrdtDelta.getDefaultInstance()));

    assertEquals("The user function sent an empty CRDT delta to a GCounter", mismatch.getMessage());
  }

  @Test
  void aDeltaOfAnotherTypeNamesBoth() {
    ReplicatedData counter = deltas.create(GCounterDeltasTest.increment(1));
    ReplicatedData register = deltas.create(LWWRegisterDeltasTest.set("x", CrdtClock.DEFAULT, 0));

    assertEquals("The user function sent a PNCounter delta to a GCounter",
        assertThrows(CrdtDeltaMismatch.class, () -> deltas.apply(counter, PNCounterDeltasTest.change(1))).getMessage());
    assertEquals("The user function sent a Vote delta to a LWWRegister",
        assertThrows(CrdtDeltaMismatch.class, () -> deltas.apply(register, ORMapDeltasTest.vote(true))).getMessage());
  }

  @Test
  void anAddedMapValueOfAnotherTypeIsRefused() {
    ReplicatedData map = deltas.create(map(ORMapDelta.newBuilder()
        .addAdded(ORMapDeltasTest.entry("k", FlagDeltasTest.flag(true)))));

    CrdtDeltaMismatch mismatch = assertThrows(CrdtDeltaMismatch.class, () -> deltas.apply(map,
        map(ORMapDelta.newBuilder().addAdded(ORMapDeltasTest.entry("k", GSetDeltasTest.added("x"))))));

    assertEquals("The user function sent a GSet delta to a Flag", mismatch.getMessage());
  }

  @Test
  void aMapEntryNeedsAKeyAndADelta() {
    CrdtDelta withoutKey = map(ORMapDelta.newBuilder()
        .addAdded(ORMapEntryDelta.newBuilder().setDelta(FlagDeltasTest.flag(true))));

    CrdtDeltaMismatch mismatch = assertThrows(CrdtDeltaMismatch.class, () -> deltas.create(withoutKey));

    assertEquals("An ORMap entry delta needs both a key and a delta", mismatch.getMessage());
  }

  @Test
  void typeNamesAreAkkasNames() {
    assertEquals("ORMap", CrdtDeltas.typeName(deltas.create(map(ORMapDelta.newBuilder()))));
    assertEquals("Vote", CrdtDeltas.typeName(deltas.create(ORMapDeltasTest.vote(false))));
    assertEquals("LWWRegister",
        CrdtDeltas.typeName(deltas.create(LWWRegisterDeltasTest.set("x", CrdtClock.DEFAULT, 0))));
  }
}
