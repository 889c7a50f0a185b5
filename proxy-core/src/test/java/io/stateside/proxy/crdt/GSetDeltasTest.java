package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static io.stateside.proxy.crdt.TwoNodes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.GSet;
import akka.cluster.ddata.ReplicatedData;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.GSetDelta;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GSetDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  @Test
  void concurrentAddsOnTwoNodesMergeToTheUnion() {
    ReplicatedData base = nodes.onA.create(added("w"));
    ReplicatedData onA = nodes.onA.apply(base, added("x", "y"));
    ReplicatedData onB = nodes.onB.apply(base, added("y", "z"));

    assertEquals(merged(onA, onB), merged(onB, onA));
    assertEquals(Set.of(text("w"), text("x"), text("y"), text("z")), elements(merged(onA, onB)));
  }

  @Test
  void stateThenCreateRoundTrips() {
    ReplicatedData set = nodes.onA.apply(nodes.onA.create(added("a")), added("b", "c"));

    ReplicatedData elsewhere = nodes.onB.create(nodes.onA.state(set));

    assertEquals(set, elsewhere);
    assertEquals(Set.of(text("a"), text("b"), text("c")), UserFunctionValue.of(nodes.onB.state(elsewhere)));
  }

  @Test
  void betweenTellsTheUserFunctionTheRemoteAdditions() {
    ReplicatedData seen = nodes.onA.create(added("a", "b"));
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, added("b", "c")));

    assertEquals(added("c"), nodes.onA.between(seen, latest).orElseThrow());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
    assertTrue(nodes.onA.between(seen, nodes.onB.apply(seen, added("a"))).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static Set<Any> elements(ReplicatedData set) {
    return ((GSet<Any>) set).getElements();
  }

  static CrdtDelta added(String... elements) {
    GSetDelta.Builder delta = GSetDelta.newBuilder();
    List.of(elements).forEach(element -> delta.addAdded(text(element)));
    return CrdtDelta.newBuilder().setGset(delta).build();
  }
}
