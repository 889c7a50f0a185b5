package io.stateside.proxy.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.cluster.Cluster;
import akka.cluster.MemberStatus;
import akka.cluster.ddata.DistributedData;
import akka.cluster.ddata.GCounter;
import akka.cluster.ddata.Replicator;
import akka.pattern.Patterns;
import akka.grpc.GrpcClientSettings;
import akka.stream.KillSwitches;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.stateside.example.crdtcounter.Consistency;
import io.stateside.example.crdtcounter.CounterRequest;
import io.stateside.example.crdtcounter.CounterValue;
import io.stateside.example.crdtcounter.CrdtCounterServiceClient;
import io.stateside.example.crdtcounter.IncrementRequest;
import io.stateside.protocol.crdt.CrdtStreamIn;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CrdtCounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three proxy nodes in one cluster (three actor systems with real remoting, every message that
 * crosses nodes checked for serializability), each beside its own user function: a CRDT entity
 * is active on every node that gets calls for it, and its replicas meet.
 */
class ThreeNodeCrdtTest {

  private final ActorSystem userSide = ProxyHarness.userSideSystem();
  private final List<CrdtCounterUserFunction> userFunctions = new ArrayList<>();
  private final List<StatesideProxy> nodes = new ArrayList<>();
  private final List<CrdtCounterServiceClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(CrdtCounterServiceClient::close);
    for (StatesideProxy node : nodes) {
      if (!node.system().whenTerminated().isCompleted()) {
        ProxyHarness.stop(node);
      }
    }
    userFunctions.forEach(CrdtCounterUserFunction::close);
    userSide.terminate();
  }

  private void startCluster() {
    for (int i = 0; i < 3; i++) {
      CrdtCounterUserFunction userFunction = CrdtCounterUserFunction.start(userSide);
      Map<String, Object> settings = new HashMap<>(Map.of(
          // A node that crashes here must stay an unreachable member while the test writes:
          // the split-brain resolver, which would down it (or the lone survivor), is not the subject.
          "akka.cluster.split-brain-resolver.stable-after", "5m",
          // A node "crashes" by stopping its actor system without leaving the cluster.
          "akka.coordinated-shutdown.run-by-actor-system-terminate", "off"));
      if (i > 0) {
        settings.put("akka.cluster.seed-nodes", List.of(Cluster.get(nodes.get(0).system()).selfAddress().toString()));
        settings.put("stateside.proxy.cluster.join-self-when-no-seed-nodes", "off");
      }
      StatesideProxy node = ProxyHarness.start(userFunction.port(), settings);
      userFunctions.add(userFunction);
      nodes.add(node);
      clients.add(CrdtCounterServiceClient.create(
          GrpcClientSettings.connectToServiceAt("127.0.0.1", node.httpPort(), userSide).withTls(false)
              .withDeadline(Duration.ofSeconds(30)),
          userSide));
    }
    Cluster first = Cluster.get(nodes.get(0).system());
    Await.until("three nodes are up", () -> first.state().members().count(m -> m.status() == MemberStatus.up()) == 3);
  }

  private long increment(int node, String id, Consistency consistency) {
    return clients.get(node).increment(IncrementRequest.newBuilder().setCounterId(id).setBy(1).setConsistency(consistency).build())
        .toCompletableFuture().join().getValue();
  }

  private long get(int node, String id) {
    return clients.get(node).get(CounterRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join().getValue();
  }

  private void crash(int node) {
    nodes.get(node).system().terminate();
    nodes.get(node).system().getWhenTerminated().toCompletableFuture().join();
  }

  @Test
  void replicasMeetAcrossNodesAndWritesGetTheConsistencyTheyAskFor() {
    startCluster();

    // A watch on node B, opened before anything changes.
    List<Long> watched = new CopyOnWriteArrayList<>();
    UniqueKillSwitch watch = clients.get(1).watch(CounterRequest.newBuilder().setCounterId("shared").build())
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.foreach(value -> watched.add(value.getValue())))
        .run(userSide);
    Await.until("the watch on node B is open", () -> !watched.isEmpty());

    // Updates on node A reach a reader on node C, and the watch on node B.
    for (int i = 0; i < 3; i++) {
      increment(0, "shared", Consistency.LOCAL);
    }
    Await.until("node C reads node A's increments", () -> get(2, "shared") == 3);
    Await.until("node B's watch sees node A's increments", () -> watched.get(watched.size() - 1) == 3);
    assertEquals(List.of(0L, 3L), List.of(watched.get(0), watched.get(watched.size() - 1)));
    assertTrue(watched.stream().sorted().toList().equals(watched), "the watch saw the value only grow: " + watched);

    // The client cancels: node B's user function is told, and the entity there goes on.
    watch.shutdown();
    Await.until("node B's user function got StreamCancelled",
        () -> userFunctions.get(1).received("shared").stream().anyMatch(CrdtStreamIn::hasStreamCancelled));

    // With one node of three down, a majority is still there.
    crash(2);
    assertEquals(4, increment(0, "shared", Consistency.MAJORITY));
    Await.until("node B has the majority write", () -> get(1, "shared") == 4);

    // With two down, it is not: the caller is told, and the change stays on this node.
    crash(1);
    CompletionException refused = assertThrows(CompletionException.class,
        () -> increment(0, "shared", Consistency.MAJORITY));
    Status status = ((StatusRuntimeException) refused.getCause()).getStatus();
    assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode());
    assertTrue(status.getDescription().contains("MAJORITY"), status.getDescription());
    assertEquals(6, increment(0, "shared", Consistency.LOCAL), "the unconfirmed change is kept on this node");

    // An entity new to this node asks a majority for its state first; with none to answer, it
    // settles for the local replica instead of failing the call.
    assertEquals(0, get(0, "fresh"));
    assertEquals(1, increment(0, "fresh", Consistency.LOCAL));
  }

  @Test
  void aUserFunctionHearsOfOtherNodesChangesOnlyOnceItHasAnsweredItsOwnCommand() {
    startCluster();
    assertEquals(0, get(0, "held"));
    userFunctions.get(0).hold("held");
    CompletableFuture<Long> own = clients.get(0).increment(
            IncrementRequest.newBuilder().setCounterId("held").setBy(1).build())
        .toCompletableFuture().thenApply(CounterValue::getValue);
    Await.until("node A's user function has the command",
        () -> commands(0, "held") == 2);
    for (int i = 0; i < 5; i++) {
      increment(1, "held", Consistency.LOCAL);
    }
    Await.until("node A's replica has node B's increments", () -> replicaValue(nodes.get(0), "held") >= 5);
    assertTrue(userFunctions.get(0).received("held").stream().noneMatch(CrdtStreamIn::hasDelta),
        "no delta while the user function owes an answer");

    userFunctions.get(0).release("held");
    assertEquals(1, own.join(), "the held command saw only its own increment");
    Await.until("node A's user function is told of node B's increments after answering",
        () -> userFunctions.get(0).received("held").stream().filter(CrdtStreamIn::hasDelta)
            .mapToLong(message -> message.getDelta().getGcounter().getIncrement()).sum() == 5);
    assertEquals(6, get(0, "held"));
  }

  /** Commands node's user function got for the entity. */
  private long commands(int node, String id) {
    return userFunctions.get(node).received(id).stream().filter(CrdtStreamIn::hasCommand).count();
  }

  /** The value of the counter in the node's own replica. */
  private static long replicaValue(StatesideProxy node, String id) {
    Object answer = Patterns.ask(DistributedData.get(node.system()).replicator(),
            new Replicator.Get<>(CrdtKey.of(CrdtCounterUserFunction.SERVICE, id), Replicator.readLocal()),
            Duration.ofSeconds(5))
        .toCompletableFuture().join();
    return answer instanceof Replicator.GetSuccess<?> success
        ? ((GCounter) success.dataValue()).getValue().longValue() : 0;
  }
}
