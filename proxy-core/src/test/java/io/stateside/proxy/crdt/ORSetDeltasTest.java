package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static io.stateside.proxy.crdt.TwoNodes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.ORSet;
import akka.cluster.ddata.ReplicatedData;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORSetDelta;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ORSetDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void concurrentAddsAndRemovesOnTwoNodesMergeToTheSameSet() {
    ReplicatedData base = nodes.onA.create(delta(false, List.of(), List.of("a", "b")));
    ReplicatedData onA = nodes.onA.apply(base, delta(false, List.of("a"), List.of("c")));
    // B adds "a" again while A removes it: the add B saw nothing of wins.
    ReplicatedData onB = nodes.onB.apply(base, delta(false, List.of("b"), List.of("a")));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(Set.of(text("a"), text("c")), elements(merged(onA, onB)));
  }

  @Test
  void aDeltaClearsThenRemovesThenAdds() {
    ReplicatedData base = nodes.onA.create(delta(false, List.of(), List.of("a", "b", "c")));

    ReplicatedData changed = nodes.onA.apply(base, delta(true, List.of("b", "d"), List.of("b", "e")));

    assertEquals(Set.of(text("b"), text("e")), elements(changed));
  }

  @Test
  void stateThenCreateRoundTrips() {
    ReplicatedData set = nodes.onA.apply(
        nodes.onA.create(delta(false, List.of(), List.of("a", "b"))), delta(false, List.of("a"), List.of("c")));

    ReplicatedData elsewhere = nodes.onB.create(nodes.onA.state(set));

    assertEquals(Set.of(text("b"), text("c")), elements(elsewhere));
    assertEquals(UserFunctionValue.of(nodes.onA.state(set)), UserFunctionValue.of(nodes.onB.state(elsewhere)));
  }

  @Test
  void betweenTellsTheUserFunctionOfRemoteRemovalsAndAdditions() {
    ReplicatedData seen = nodes.onA.create(delta(false, List.of(), List.of("a", "b", "c")));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, delta(false, List.of("a"), List.of("d"))));

    assertEquals(delta(false, List.of("a"), List.of("d")), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
  }

  @Test
  void betweenSendsTheWholeSetWhenThatIsShorterThanTheRemovals() {
    ReplicatedData seen = nodes.onA.create(delta(false, List.of(), List.of("a", "b", "c")));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, delta(true, List.of(), List.of("z"))));

    assertEquals(delta(true, List.of(), List.of("z")), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
  }

  @Test
  void betweenIsEmptyWhenTheElementsAreTheSame() {
    ReplicatedData seen = nodes.onA.create(delta(false, List.of(), List.of("a")));
    ReplicatedData latest = nodes.onB.apply(seen, delta(false, List.of("a"), List.of("a")));

    assertTrue(nodes.onA.between(seen, latest).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static Set<Any> elements(ReplicatedData set) {
    return ((ORSet<Any>) set).getElements();
  }

  static CrdtDelta delta(boolean cleared, List<String> removed, List<String> added) {
    ORSetDelta.Builder delta = ORSetDelta.newBuilder().setCleared(cleared);
    removed.forEach(element -> delta.addRemoved(text(element)));
    added.forEach(element -> delta.addAdded(text(element)));
    return CrdtDelta.newBuilder().setOrset(delta).build();
  }
}
