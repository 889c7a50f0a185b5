package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.TwoNodes.merged;
import static io.stateside.proxy.crdt.TwoNodes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.ddata.GCounter;
import akka.cluster.ddata.ORMap;
import akka.cluster.ddata.ReplicatedData;
import com.google.protobuf.Any;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.CrdtDelta;
import io.stateside.protocol.crdt.ORMapDelta;
import io.stateside.protocol.crdt.ORMapEntryDelta;
import io.stateside.protocol.crdt.VoteDelta;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ORMapDeltasTest {

  private final TwoNodes nodes = new TwoNodes();

  /** A map with a value of every type, one of them a map again. */
  private ReplicatedData everyType() {
    CrdtDelta inner = map(ORMapDelta.newBuilder()
        .addAdded(entry("vote", vote(true)))
        .addAdded(entry("balance", PNCounterDeltasTest.change(-3))));
    return nodes.onA.create(map(ORMapDelta.newBuilder()
        .addAdded(entry("likes", GCounterDeltasTest.increment(2)))
        .addAdded(entry("tags", ORSetDeltasTest.delta(false, List.of(), List.of("red"))))
        .addAdded(entry("seen", GSetDeltasTest.added("home")))
        .addAdded(entry("name", LWWRegisterDeltasTest.set("Ada", CrdtClock.DEFAULT, 0)))
        .addAdded(entry("banned", FlagDeltasTest.flag(false)))
        .addAdded(entry("inner", inner))));
  }

  @Test
  void concurrentChangesToNestedValuesOnTwoNodesMergeToTheSameMap() {
    ReplicatedData base = everyType();
    ReplicatedData onA = nodes.onA.apply(base, map(ORMapDelta.newBuilder()
        .addUpdated(entry("likes", GCounterDeltasTest.increment(3)))
        .addUpdated(entry("tags", ORSetDeltasTest.delta(false, List.of("red"), List.of("blue"))))
        .addAdded(entry("fresh", FlagDeltasTest.flag(true)))));
    ReplicatedData onB = nodes.onB.apply(base, map(ORMapDelta.newBuilder()
        .addUpdated(entry("likes", GCounterDeltasTest.increment(4)))
        .addUpdated(entry("inner", map(ORMapDelta.newBuilder()
            .addUpdated(entry("balance", PNCounterDeltasTest.change(10)))
            .addUpdated(entry("vote", vote(false))))))
        .addRemoved(text("seen"))));

    ReplicatedData onBothA = merged(onA, onB);
    assertEquals(onBothA, merged(onB, onA));
    Map<Any, Object> value = asMap(UserFunctionValue.of(nodes.onA.state(onBothA)));
    assertEquals(9L, value.get(text("likes")));
    assertEquals(Set.of(text("blue")), value.get(text("tags")));
    assertEquals(Set.of(text("likes"), text("tags"), text("name"), text("banned"), text("inner"), text("fresh")),
        value.keySet());
    Map<Any, Object> inner = asMap(value.get(text("inner")));
    assertEquals(7L, inner.get(text("balance")));
    assertEquals(new UserFunctionValue.Tally(true, 1, 2), inner.get(text("vote")));
  }

  @Test
  void aDeltaClearsThenRemovesThenUpdatesThenAdds() {
    ReplicatedData base = everyType();

    ReplicatedData changed = nodes.onA.apply(base, map(ORMapDelta.newBuilder()
        .setCleared(true)
        .addRemoved(text("fresh"))
        .addUpdated(entry("likes", GCounterDeltasTest.increment(100)))
        .addAdded(entry("fresh", GCounterDeltasTest.increment(1)))
        .addAdded(entry("likes", GCounterDeltasTest.increment(5)))));

    // Cleared: the update finds no "likes"; the adds create both keys anew.
    assertEquals(Map.of(text("fresh"), 1L, text("likes"), 5L), UserFunctionValue.of(nodes.onA.state(changed)));
  }

  @Test
  void anUpdateOfAKeyRemovedOrRetypedElsewhereIsDropped() {
    ReplicatedData base = everyType();

    ReplicatedData changed = nodes.onA.apply(base, map(ORMapDelta.newBuilder()
        .addUpdated(entry("gone", GCounterDeltasTest.increment(1)))
        .addUpdated(entry("name", GCounterDeltasTest.increment(1)))));

    assertEquals(base, changed);
  }

  @Test
  void anAddedKeyThatExistsTakesTheDeltaOnItsValue() {
    ReplicatedData base = everyType();

    ReplicatedData changed = nodes.onB.apply(base, map(ORMapDelta.newBuilder()
        .addAdded(entry("likes", GCounterDeltasTest.increment(8)))));

    assertEquals(BigInteger.TEN, ((GCounter) ormap(changed).getEntries().get(text("likes"))).getValue());
  }

  @Test
  void stateThenCreateRoundTrips() {
    ReplicatedData map = everyType();

    // On the same node: a Vote's state is this node's vote, which create casts again.
    ReplicatedData again = nodes.onA.create(nodes.onA.state(map));

    assertEquals(nodes.onA.state(map), nodes.onA.state(again));
    assertEquals(ormap(map).getEntries().keySet(), ormap(again).getEntries().keySet());
  }

  @Test
  void betweenTellsTheUserFunctionOfRemovedAddedAndUpdatedEntries() {
    ReplicatedData seen = everyType();
    ReplicatedData latest = merged(seen, nodes.onB.apply(seen, map(ORMapDelta.newBuilder()
        .addRemoved(text("seen"))
        .addUpdated(entry("likes", GCounterDeltasTest.increment(1)))
        .addUpdated(entry("inner", map(ORMapDelta.newBuilder()
            .addUpdated(entry("vote", vote(true))))))
        .addAdded(entry("fresh", FlagDeltasTest.flag(true))))));

    ORMapDelta delta = nodes.onA.between(seen, latest).orElseThrow().getOrmap();

    assertEquals(List.of(text("seen")), delta.getRemovedList());
    assertEquals(List.of(entry("fresh", FlagDeltasTest.flag(true))), delta.getAddedList());
    assertEquals(Set.of(text("likes"), text("inner")),
        Set.copyOf(delta.getUpdatedList().stream().map(ORMapEntryDelta::getKey).toList()));
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
  }

  @Test
  void betweenReplacesAValueThatNoDeltaCanReach() {
    ReplicatedData seen = everyType();
    // Elsewhere "likes" was removed and added again, smaller, and "name" became a counter.
    ReplicatedData latest = nodes.onB.apply(seen, map(ORMapDelta.newBuilder()
        .addRemoved(text("likes"))
        .addRemoved(text("name"))
        .addAdded(entry("likes", GCounterDeltasTest.increment(1)))
        .addAdded(entry("name", PNCounterDeltasTest.change(4)))));

    ORMapDelta delta = nodes.onA.between(seen, latest).orElseThrow().getOrmap();

    assertEquals(Set.of(text("likes"), text("name")), Set.copyOf(delta.getRemovedList()));
    assertEquals(2, delta.getAddedCount());
    assertEquals(UserFunctionValue.of(nodes.onA.state(latest)), UserFunctionValue.caughtUp(nodes.onA, seen, latest));
  }

  @Test
  void betweenSaysClearedWhenEverythingWent() {
    ReplicatedData seen = everyType();
    ReplicatedData latest = nodes.onB.apply(seen, map(ORMapDelta.newBuilder().setCleared(true)));

    assertEquals(map(ORMapDelta.newBuilder().setCleared(true)), nodes.onA.between(seen, latest).orElseThrow());
    assertTrue(nodes.onA.between(latest, nodes.onB.apply(latest, map(ORMapDelta.newBuilder()))).isEmpty());
  }

  @Test
  void betweenIsEmptyWhenNoValueVisiblyChanged() {
    ReplicatedData seen = everyType();
    ReplicatedData latest = nodes.onA.apply(seen, map(ORMapDelta.newBuilder()
        .addUpdated(entry("likes", GCounterDeltasTest.increment(0)))
        .addUpdated(entry("banned", FlagDeltasTest.flag(false)))));

    assertTrue(nodes.onA.between(seen, latest).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static ORMap<Any, ReplicatedData> ormap(ReplicatedData data) {
    return (ORMap<Any, ReplicatedData>) data;
  }

  @SuppressWarnings("unchecked")
  private static Map<Any, Object> asMap(Object value) {
    return (Map<Any, Object>) value;
  }

  static CrdtDelta vote(boolean selfVote) {
    return CrdtDelta.newBuilder().setVote(VoteDelta.newBuilder().setSelfVote(selfVote)).build();
  }

  static ORMapEntryDelta entry(String key, CrdtDelta delta) {
    return ORMapEntryDelta.newBuilder().setKey(text(key)).setDelta(delta).build();
  }

  static CrdtDelta map(ORMapDelta.Builder delta) {
    return CrdtDelta.newBuilder().setOrmap(delta).build();
  }
}
