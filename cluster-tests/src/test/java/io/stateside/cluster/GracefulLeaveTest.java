package io.stateside.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.stateside.cluster.testing.CartLoad;
import io.stateside.cluster.testing.ClusterNode;
import io.stateside.cluster.testing.JournalContents;
import io.stateside.cluster.testing.LocalCluster;
import io.stateside.cluster.testing.ReadyBalancer;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 2: under steady load over many entities, spread over three nodes by a client
 * that follows their readiness (as a load balancer does), one node gets SIGTERM: it turns unready,
 * drains, hands its shards to the others and leaves. No call fails, every acknowledged event is
 * in the journal, and the node exits 0.
 */
class GracefulLeaveTest {

  @Test
  void sigtermedNodeLeavesWithoutFailingACallAndExitsZero() throws Exception {
    ActorSystem clientSystem = JdbcProxyHarness.testSideSystem("cluster-client");
    try (LocalCluster cluster = LocalCluster.withPostgres()) {
      List<ClusterNode> nodes = cluster.createNodes(3);
      cluster.startAll();
      CartLoad load = new CartLoad(90);
      // The clients wait about as long as the proxy lets a call wait (max-request-timeout): what
      // is judged is that no call fails while the node leaves, not how fast the shards move.
      try (ReadyBalancer balancer = new ReadyBalancer(nodes, clientSystem, Duration.ofSeconds(55))) {
        load.start(balancer::next, 9, Duration.ofMillis(5));
        load.awaitAcknowledged(500, Duration.ofMinutes(3));

        // The oldest node: it also hosts the shard coordinator, which moves too.
        ClusterNode leaving = nodes.get(0);
        leaving.sigtermProxy();
        int exit = leaving.awaitProxyExit(120);
        assertEquals(0, exit, "exit code after SIGTERM; the proxy's log:\n" + leaving.proxyLog());

        long before = load.totalAcknowledged();
        load.awaitAcknowledged(before + 500, Duration.ofMinutes(3));
        load.stop();
        assertEquals(Map.of(), load.failures(), "calls failed while a node left gracefully");

        for (String cart : load.carts()) {
          load.assertCart(cart, balancer.of(1).get(cart));
          Set<String> journal = JournalContents.productsAdded(cluster.postgres(), cart);
          for (String product : load.acknowledged(cart)) {
            assertTrue(journal.contains(product), cart + ": acknowledged " + product + " is not in the journal");
          }
        }
        System.out.println("GracefulLeaveTest: " + load.totalAcknowledged() + " adds acknowledged, "
            + load.failures() + " failed, over " + load.carts().size() + " carts");
      }
    } finally {
      clientSystem.terminate();
    }
  }
}
