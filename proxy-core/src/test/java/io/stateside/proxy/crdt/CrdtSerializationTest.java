package io.stateside.proxy.crdt;

import static io.stateside.proxy.crdt.ORMapDeltasTest.entry;
import static io.stateside.proxy.crdt.ORMapDeltasTest.map;
import static io.stateside.proxy.crdt.ORMapDeltasTest.vote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.ActorSystem;
import akka.cluster.ddata.ORMap;
import akka.cluster.ddata.ReplicatedData;
import akka.cluster.ddata.protobuf.ReplicatedDataSerializer;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import akka.testkit.javadsl.TestKit;
import com.typesafe.config.ConfigFactory;
import io.stateside.protocol.crdt.CrdtClock;
import io.stateside.protocol.crdt.ORMapDelta;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every CRDT crosses nodes through the serializers the proxy's configuration binds. */
class CrdtSerializationTest {

  private static ActorSystem system;
  private static Serialization serialization;

  private final TwoNodes nodes = new TwoNodes();

  @BeforeAll
  static void start() {
    // Akka's serializer leaves out the system name, which every node of a cluster shares: the
    // test nodes' addresses name this system.
    system = ActorSystem.create(TwoNodes.SYSTEM, ConfigFactory.parseString(
        "akka.actor.provider = cluster\nakka.remote.artery.canonical.port = 0").withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(system);
  }

  @AfterAll
  static void stop() {
    TestKit.shutdownActorSystem(system);
  }

  @Test
  void akkasTypesRoundTripThroughAkkasSerializer() {
    List<ReplicatedData> all = List.of(
        nodes.onA.create(GCounterDeltasTest.increment(-1L)),
        nodes.onA.create(PNCounterDeltasTest.change(-12)),
        nodes.onA.create(GSetDeltasTest.added("a", "b")),
        nodes.onB.apply(nodes.onA.create(ORSetDeltasTest.delta(false, List.of(), List.of("a", "b"))),
            ORSetDeltasTest.delta(false, List.of("a"), List.of("c"))),
        nodes.onA.create(LWWRegisterDeltasTest.set("value", CrdtClock.CUSTOM, 99)),
        nodes.onA.create(FlagDeltasTest.flag(true)));

    for (ReplicatedData data : all) {
      assertEquals(ReplicatedDataSerializer.class, serialization.findSerializerFor(data).getClass());
      assertEquals(data, roundTripped(data), CrdtDeltas.typeName(data));
    }
  }

  @Test
  void aVoteRoundTripsThroughTheProxysSerializer() {
    ReplicatedData vote = TwoNodes.merged(nodes.onA.create(vote(true)), nodes.onB.create(vote(false)));

    assertEquals(8002, serialization.findSerializerFor(vote).identifier());
    assertEquals(vote, roundTripped(vote));
  }

  @Test
  void equalVotesSerializeToEqualBytes() {
    ReplicatedData aFirst = TwoNodes.merged(nodes.onA.create(vote(true)), nodes.onB.create(vote(false)));
    ReplicatedData bFirst = TwoNodes.merged(nodes.onB.create(vote(false)), nodes.onA.create(vote(true)));

    Serializer serializer = serialization.findSerializerFor(aFirst);
    assertArrayEquals(serializer.toBinary(aFirst), serializer.toBinary(bFirst));
  }

  @Test
  void aNestedMapWithEveryTypeRoundTrips() {
    ReplicatedData inner = nodes.onA.create(map(ORMapDelta.newBuilder()
        .addAdded(entry("vote", vote(true)))
        .addAdded(entry("balance", PNCounterDeltasTest.change(-3)))));
    ReplicatedData map = nodes.onB.apply(nodes.onA.create(map(ORMapDelta.newBuilder()
        .addAdded(entry("likes", GCounterDeltasTest.increment(2)))
        .addAdded(entry("tags", ORSetDeltasTest.delta(false, List.of(), List.of("red"))))
        .addAdded(entry("seen", GSetDeltasTest.added("home")))
        .addAdded(entry("name", LWWRegisterDeltasTest.set("Ada", CrdtClock.DEFAULT, 0)))
        .addAdded(entry("banned", FlagDeltasTest.flag(false)))
        .addAdded(entry("inner", nodes.onA.state(inner))))),
        map(ORMapDelta.newBuilder().addUpdated(entry("inner", map(ORMapDelta.newBuilder()
            .addUpdated(entry("vote", vote(false))))))));

    ReplicatedData back = roundTripped(map);

    assertEquals(map, back);
    assertEquals(nodes.onA.state(map), nodes.onA.state(back));
  }

  @Test
  void theDeltaOfAMapHoldingAVoteRoundTrips() {
    ReplicatedData map = nodes.onA.create(map(ORMapDelta.newBuilder().addAdded(entry("vote", vote(true)))));
    ReplicatedData changed = nodes.onB.apply(
        ((ORMap<?, ?>) map).resetDelta(), map(ORMapDelta.newBuilder().addUpdated(entry("vote", vote(true)))));

    // What delta propagation sends: the change alone, carrying the new Vote.
    ReplicatedData delta = ((ORMap<?, ?>) changed).delta().get();

    assertEquals(delta, roundTripped(delta));
  }

  private static ReplicatedData roundTripped(ReplicatedData data) {
    Serializer serializer = serialization.findSerializerFor(data);
    byte[] bytes = serializer.toBinary(data);
    return (ReplicatedData) serialization
        .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, data)).get();
  }
}
