package io.stateside.proxy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorRef;
import akka.actor.ActorSystem;
import akka.cluster.Cluster;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ClusterSharding;
import akka.cluster.sharding.ShardRegion;
import akka.pattern.Patterns;
import io.stateside.example.counter.CounterServiceClient;
import io.stateside.example.counter.GetRequest;
import io.stateside.example.counter.IncreaseRequest;
import io.stateside.proxy.StatesideProxy;
import io.stateside.proxy.testing.Await;
import io.stateside.proxy.testing.CounterUserFunction;
import io.stateside.proxy.testing.ProxyHarness;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two proxy nodes in one cluster, each beside its own user function, with every message that
 * crosses nodes checked for serializability: a command sent to either node reaches the one
 * instance of its entity, wherever it lives.
 */
class TwoNodeClusterTest {

  @Test
  void commandsThroughEitherNodeReachTheOneInstanceOfTheirEntity() {
    ActorSystem userSide = ProxyHarness.userSideSystem();
    CounterUserFunction userFunction1 = CounterUserFunction.start(userSide);
    CounterUserFunction userFunction2 = CounterUserFunction.start(userSide);
    StatesideProxy node1 = null;
    StatesideProxy node2 = null;
    try {
      node1 = ProxyHarness.start(userFunction1.port());
      String seed = Cluster.get(node1.system()).selfAddress().toString();
      node2 = ProxyHarness.start(userFunction2.port(), Map.of(
          "akka.cluster.seed-nodes", List.of(seed),
          "stateside.proxy.cluster.join-self-when-no-seed-nodes", "off"));
      Cluster cluster1 = Cluster.get(node1.system());
      Await.until("both nodes are up", () -> cluster1.state().members().count(
          m -> m.status() == MemberStatus.up()) == 2);
      // Shards go to the regions the coordinator knows when an entity is first used; wait until
      // it knows node 2's, or every entity would start on node 1.
      ActorRef region = ClusterSharding.get(node1.system())
          .shardRegion("event-sourced-" + CounterUserFunction.SERVICE);
      Await.until("the coordinator knows both shard regions", () -> currentRegions(region) == 2);

      CounterServiceClient client1 = ProxyHarness.counterClient(node1, userSide);
      CounterServiceClient client2 = ProxyHarness.counterClient(node2, userSide);
      List<String> counters = IntStream.range(0, 40).mapToObj(i -> "c" + i).toList();
      List<CompletableFuture<?>> calls = counters.stream()
          .flatMap(id -> List.of(client1, client2, client1).stream().map(client -> client.increase(
              IncreaseRequest.newBuilder().setCounterId(id).setBy(1).build()).toCompletableFuture()))
          .<CompletableFuture<?>>map(f -> f)
          .toList();
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

      for (String id : counters) {
        assertEquals(3, client2.get(GetRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join().getValue(),
            "counter " + id + " through node 2");
        assertEquals(3, client1.get(GetRequest.newBuilder().setCounterId(id).build()).toCompletableFuture().join().getValue(),
            "counter " + id + " through node 1");
      }
      Set<String> onNode1 = userFunction1.entityIds();
      Set<String> onNode2 = userFunction2.entityIds();
      assertFalse(onNode1.isEmpty(), "some entities live on node 1");
      assertFalse(onNode2.isEmpty(), "some entities live on node 2");
      Set<String> both = new HashSet<>(onNode1);
      both.retainAll(onNode2);
      assertTrue(both.isEmpty(), "no entity is active on both nodes: " + both);
      assertEquals(new HashSet<>(counters), union(onNode1, onNode2));
      client1.close();
      client2.close();
    } finally {
      ProxyHarness.stop(node2);
      ProxyHarness.stop(node1);
      userFunction1.close();
      userFunction2.close();
      userSide.terminate();
    }
  }

  private static int currentRegions(ActorRef region) {
    return Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(5))
        .thenApply(reply -> ((ShardRegion.CurrentRegions) reply).getRegions().size())
        .toCompletableFuture().join();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
