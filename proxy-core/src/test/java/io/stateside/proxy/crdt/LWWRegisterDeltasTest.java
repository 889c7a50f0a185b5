package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static io.stateside.proxy.crdt.TwoNodes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.LWWRegister;
import akka.cluster.ddata.ReplicatedData;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.LWWRegisterDelta;
import org.junit.jupiter.api.Test;

class LWWRegisterDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void withTheDefaultClockALaterWriteWinsAndBothNodesAgree() {
    ReplicatedData base = nodes.onA.create(set("first", CrdtClock.DEFAULT, 0));
    ReplicatedData onA = nodes.onA.apply(base, set("from A", CrdtClock.DEFAULT, 0));
    // B writes over what it received from A: a later write in every node's eyes.
    ReplicatedData onB = nodes.onB.apply(onA, set("from B", CrdtClock.DEFAULT, 0));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(text("from B"), value(merged(onA, onB)));
    assertTrue(register(onB).timestamp() > register(onA).timestamp());
  }

  @Test
  void concurrentWritesWithTheDefaultClockConvergeOnOneOfThem() {
    ReplicatedData base = nodes.onA.create(set("first", CrdtClock.DEFAULT, 0));
    ReplicatedData onA = nodes.onA.apply(base, set("from A", CrdtClock.DEFAULT, 0));
    ReplicatedData onB = nodes.onB.apply(base, set("from B", CrdtClock.DEFAULT, 0));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertTrue(value(merged(onA, onB)).equals(text("from A")) || value(merged(onA, onB)).equals(text("from B")));
  }

  @Test
  void theReverseClockMovesTimestampsBackSoTheEarliestWriteWins() {
    ReplicatedData base = nodes.onA.create(set("first", CrdtClock.REVERSE, 0));
    ReplicatedData onA = nodes.onA.apply(base, set("from A", CrdtClock.REVERSE, 0));
    ReplicatedData onB = nodes.onB.apply(onA, set("from B", CrdtClock.REVERSE, 0));

    assertTrue(register(onA).timestamp() < register(base).timestamp());
    assertTrue(register(onB).timestamp() < register(onA).timestamp());
    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(text("from A"), value(merged(onA, onB)));
    assertEquals(text("first"), value(merged(onB, base)));
  }

  @Test
  void aCustomClockIsTheTimestampAndTheHigherOneWins() {
    ReplicatedData base = nodes.onA.create(set("first", CrdtClock.CUSTOM, 10));
    ReplicatedData onA = nodes.onA.apply(base, set("from A", CrdtClock.CUSTOM, 200));
    ReplicatedData onB = nodes.onB.apply(base, set("from B", CrdtClock.CUSTOM, 100));

    assertEquals(10, register(base).timestamp());
    assertEquals(200, register(onA).timestamp());
    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(text("from A"), value(merged(onA, onB)));
  }

  @Test
  void anAutoIncrementingCustomClockMovesPastTheCurrentTimestamp() {
    ReplicatedData base = nodes.onA.create(set("first", CrdtClock.CUSTOM, 500));

    ReplicatedData behind = nodes.onA.apply(base, set("behind", CrdtClock.CUSTOM_AUTO_INCREMENT, 100));
    ReplicatedData ahead = nodes.onA.apply(base, set("ahead", CrdtClock.CUSTOM_AUTO_INCREMENT, 900));

    assertEquals(501, register(behind).timestamp());
    assertEquals(900, register(ahead).timestamp());
    assertEquals(text("behind"), value(behind));
  }

  @Test
  void stateThenCreateRoundTripsWithTheDefaultClock() {
    ReplicatedData register = nodes.onA.create(set("value", CrdtClock.CUSTOM, 77));

    CrdtDelta state = nodes.onA.state(register);
    ReplicatedData elsewhere = nodes.onB.create(state);

    assertEquals(CrdtClock.DEFAULT, state.getLwwregister().getClock());
    assertEquals(text("value"), value(elsewhere));
    assertEquals(state, nodes.onB.state(elsewhere));
  }

  @Test
  void betweenTellsTheUserFunctionTheNewValue() {
    ReplicatedData seen = nodes.onA.create(set("old", CrdtClock.DEFAULT, 0));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, set("new", CrdtClock.DEFAULT, 0)));

    assertEquals(set("new", CrdtClock.DEFAULT, 0), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
    assertTrue(nodes.onA.between(seen, nodes.onB.apply(seen, set("old", CrdtClock.DEFAULT, 0))).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static LWWRegister<Any> register(ReplicatedData data) {
    return (LWWRegister<Any>) data;
  }

  private static Any value(ReplicatedData data) {
    return register(data).getValue();
  }

  static CrdtDelta set(String value, CrdtClock clock, long customClockValue) {
    return CrdtDelta.newBuilder().setLwwregister(LWWRegisterDelta.newBuilder()
        .setValue(text(value)).setClock(clock).setCustomClockValue(customClockValue)).build();
  }
}
