package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.Flag;
import akka.cluster.ddata.ReplicatedData;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.FlagDelta;
import org.junit.jupiter.api.Test;

class FlagDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void aFlagSwitchedOnOnOneNodeIsOnOnBothAfterMerging() {
    ReplicatedData base = nodes.onA.create(flag(false));
    ReplicatedData onA = nodes.onA.apply(base, flag(true));
    ReplicatedData onB = nodes.onB.apply(base, flag(false));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertTrue(((Flag) merged(onA, onB)).enabled());
    assertFalse(((Flag) onB).enabled());
  }

  @Test
  void aFlagThatIsOnCannotBeSwitchedOff() {
    ReplicatedData on = nodes.onA.create(flag(true));

    CrdtDeltaMismatch mismatch = assertThrows(CrdtDeltaMismatch.class, () -> nodes.onA.apply(on, flag(false)));
    assertEquals("A Flag that is on cannot be switched off", mismatch.getMessage());
  }

  @Test
  void stateThenCreateRoundTrips() {
    ReplicatedData on = nodes.onA.apply(nodes.onA.create(flag(false)), flag(true));

    assertEquals(flag(true), nodes.onA.state(on));
    assertEquals(on, nodes.onB.create(nodes.onA.state(on)));
  }

  @Test
  void betweenTellsTheUserFunctionTheFlagWentOn() {
    ReplicatedData seen = nodes.onA.create(flag(false));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, flag(true)));

    assertEquals(flag(true), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
    assertTrue(nodes.onA.between(latest, nodes.onB.apply(latest, flag(true))).isEmpty());
  }

  static CrdtDelta flag(boolean value) {
    return CrdtDelta.newBuilder().setFlag(FlagDelta.newBuilder().setValue(value)).build();
  }
}
