package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.GCounter;
import akka.cluster.ddata.ReplicatedData;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.GCounterDelta;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GCounterDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void concurrentIncrementsOnTwoNodesMergeToTheSameSum() {
    ReplicatedData base = nodes.onA.create(increment(5));
    ReplicatedData onA = nodes.onA.apply(base, increment(3));
    ReplicatedData onB = nodes.onB.apply(base, increment(4));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(BigInteger.valueOf(12), ((GCounter) merged(onA, onB)).getValue());
  }

  @Test
  void anIncrementIsUnsigned() {
    ReplicatedData counter = nodes.onA.create(increment(-1L));

    assertEquals(new BigInteger("18446744073709551615"), ((GCounter) counter).getValue());
    assertEquals(increment(-1L), nodes.onA.state(counter));
  }

  @Test
  void stateThenCreateRoundTrips() {
    ReplicatedData counter = nodes.onA.apply(nodes.onA.create(increment(7)), increment(35));

    ReplicatedData elsewhere = nodes.onB.create(nodes.onA.state(counter));

    assertEquals(increment(42), nodes.onA.state(counter));
    assertEquals(nodes.onA.state(counter), nodes.onB.state(elsewhere));
  }

  @Test
  void betweenTellsTheUserFunctionTheRemoteIncrements() {
    ReplicatedData seen = nodes.onA.create(increment(5));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, increment(9)));

    assertEquals(increment(9), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
  }

  @Test
  void betweenIsEmptyWhenTheValueIsTheSame() {
    ReplicatedData seen = nodes.onA.create(increment(5));

    assertTrue(nodes.onA.between(seen, nodes.onA.apply(seen, increment(0))).isEmpty());
  }

  static CrdtDelta increment(long increment) {
    return CrdtDelta.newBuilder().setGcounter(GCounterDelta.newBuilder().setIncrement(increment)).build();
  }
}
