package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.PNCounter;
import akka.cluster.ddata.ReplicatedData;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.PNCounterDelta;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PNCounterDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void concurrentChangesBothWaysMergeToTheSameValue() {
    ReplicatedData base = nodes.onA.create(change(100));
    ReplicatedData onA = nodes.onA.apply(base, change(10));
    ReplicatedData onB = nodes.onB.apply(base, change(-125));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(BigInteger.valueOf(-15), ((PNCounter) merged(onA, onB)).getValue());
  }

  @Test
  void theSmallestChangeIsTaken() {
    ReplicatedData counter = nodes.onA.create(change(Long.MIN_VALUE));

    assertEquals(BigInteger.valueOf(Long.MIN_VALUE), ((PNCounter) counter).getValue());
  }

  @Test
  void stateThenCreateRoundTrips() {
    ReplicatedData counter = nodes.onA.apply(nodes.onA.create(change(3)), change(-10));

    ReplicatedData elsewhere = nodes.onB.create(nodes.onA.state(counter));

    assertEquals(change(-7), nodes.onA.state(counter));
    assertEquals(nodes.onA.state(counter), nodes.onB.state(elsewhere));
  }

  @Test
  void betweenTellsTheUserFunctionTheRemoteDifference() {
    ReplicatedData seen = nodes.onA.apply(nodes.onA.create(change(20)), change(5));
    ReplicatedData latest = merged(seen, nodes.onB.apply(nodes.onB.apply(seen, change(4)), change(-30)));

    assertEquals(change(-26), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
  }

  @Test
  void betweenIsEmptyWhenChangesCancelOut() {
    ReplicatedData seen = nodes.onA.create(change(20));
    ReplicatedData latest = nodes.onB.apply(nodes.onB.apply(seen, change(6)), change(-6));

    assertTrue(nodes.onA.between(seen, latest).isEmpty());
  }

  static CrdtDelta change(long change) {
    return CrdtDelta.newBuilder().setPncounter(PNCounterDelta.newBuilder().setChange(change)).build();
  }
}
