package io.stateside.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.stateside.cluster.testing.CartCalls;
import io.stateside.cluster.testing.CartLoad;
import io.stateside.cluster.testing.ClusterNode;
import io.stateside.cluster.testing.Exposition;
import io.stateside.cluster.testing.LocalCluster;
import io.stateside.cluster.testing.ReadyBalancer;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, points 1 and 4: three proxy processes, each with its own user-function process,
 * bootstrap into one cluster through {@code config} discovery of their management endpoints (no
 * seed nodes); entities land on all three and a client of any node reaches every entity.
 * {@code /ready} is false before discovery and during shutdown, true in between; {@code /alive}
 * is true throughout.
 */
class ClusterFormationTest {

  private static final String SERVICE = "service=\"stateside.samples.shoppingcart.ShoppingCartService\"";

  @Test
  void threeNodesBootstrapIntoOneClusterSpreadEntitiesAndServeEveryEntityFromAnyNode() throws Exception {
    ActorSystem clientSystem = JdbcProxyHarness.testSideSystem("cluster-client");
    try (LocalCluster cluster = LocalCluster.withPostgres()) {
      List<ClusterNode> nodes = cluster.createNodes(3);
      // The proxies first: their user functions are not there yet, so discovery cannot succeed.
      for (ClusterNode node : nodes) {
        node.startProxy(cluster.nodeSettings(Map.of()));
      }
      for (ClusterNode node : nodes) {
        awaitAlive(node);
        assertNotEquals(200, node.ready(), node.name() + " is ready before its user function was discovered");
      }
      for (ClusterNode node : nodes) {
        node.startUserFunction();
      }
      for (ClusterNode node : nodes) {
        node.awaitReady(LocalCluster.READY_TIMEOUT);
        assertEquals(200, node.alive());
      }

      // One cluster of three Up members, seen alike from every node.
      for (ClusterNode node : nodes) {
        assertEquals(3, count(node.management("/cluster/members"), "\"status\"\\s*:\\s*\"Up\""),
            node.name() + " sees three Up members: " + node.management("/cluster/members"));
        assertEquals(3.0, Exposition.sum(node.metrics(), "stateside_cluster_members", "status=\"up\""));
      }

      CartLoad load = new CartLoad(60);
      try (ReadyBalancer balancer = new ReadyBalancer(nodes, clientSystem, Duration.ofSeconds(15))) {
        load.start(balancer::next, 6, Duration.ZERO);
        load.awaitAcknowledged(600, Duration.ofMinutes(3));
        load.stop();
        assertEquals(Map.of(), load.failures(), "no call failed in a healthy cluster");

        // Entities live on every node.
        for (ClusterNode node : nodes) {
          double active = Exposition.sum(node.metrics(), "stateside_entities_active", SERVICE);
          assertTrue(active > 0, node.name() + " hosts no entity:\n" + node.metrics());
        }
        // A client of any node reaches every entity, wherever it lives.
        for (int i = 0; i < nodes.size(); i++) {
          CartCalls calls = balancer.of(i);
          for (String cart : load.carts()) {
            Map<String, Integer> lines = calls.get(cart);
            load.assertCart(cart, lines);
            assertEquals(load.acknowledged(cart).size(), lines.size(), cart + " through " + nodes.get(i).name());
          }
        }
      }

      // Shutdown: readiness turns false first, while the node still lives and answers /alive.
      ClusterNode leaving = nodes.get(2);
      leaving.sigtermProxy();
      boolean sawUnreadyWhileAlive = false;
      while (leaving.proxyAlive()) {
        int ready = leaving.ready();
        int alive = leaving.alive();
        if (ready != 200 && ready != -1 && alive == 200) {
          sawUnreadyWhileAlive = true;
        }
        Thread.sleep(100);
      }
      assertTrue(sawUnreadyWhileAlive, "/ready answered false while the node was shutting down and /alive true");
      assertEquals(0, leaving.awaitProxyExit(60), leaving.proxyLog());
      for (ClusterNode node : nodes.subList(0, 2)) {
        assertEquals(200, node.ready(), node.name() + " stays ready");
      }
    } finally {
      clientSystem.terminate();
    }
  }

  private static void awaitAlive(ClusterNode node) throws InterruptedException {
    long deadline = System.nanoTime() + LocalCluster.READY_TIMEOUT.toNanos();
    while (node.alive() != 200) {
      assertTrue(node.proxyAlive(), node.name() + " exited:\n" + node.proxyLog());
      assertTrue(System.nanoTime() < deadline, node.name() + " never answered /alive:\n" + node.proxyLog());
      Thread.sleep(200);
    }
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
