package io.stateside.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: an event-log subscription runs on one node of the cluster at a time, and moves when
 * that node dies. Three nodes on PostgreSQL serve the shopping-cart sample, whose CartsByProduct
 * action keeps a read model (the carts holding each product) from the carts' event log. Under
 * load, exactly one node delivers events; it is killed with SIGKILL; afterwards exactly one
 * survivor delivers, and the read model holds every product of every cart.
 */
class EventLogSubscriptionFailoverTest {

  private static final String DELIVERED = "stateside_subscription_events_total";
  private static final String SUBSCRIPTION =
      "subscription=\"stateside.samples.shoppingcart.CartsByProduct@event-log:shopping-cart\"";
  private static final Duration WINDOW = Duration.ofSeconds(5);

  @Test
  void theSubscriptionRunsOnOneNodeAtATimeAndMovesWhenItsNodeDies() throws Exception {
    ActorSystem clientSystem = JdbcProxyHarness.testSideSystem("cluster-client");
    try (LocalCluster cluster = LocalCluster.withPostgres()) {
      List<ClusterNode> nodes = cluster.createNodes(3);
      cluster.startAll();
      CartLoad load = new CartLoad(30);
      try (ReadyBalancer balancer = new ReadyBalancer(nodes, clientSystem, Duration.ofSeconds(10))) {
        load.start(balancer::next, 3, Duration.ofMillis(20));
        load.awaitAcknowledged(100, Duration.ofMinutes(3));

        int runner = theOnlyNodeDelivering(nodes, List.of(0, 1, 2));
        long killedAt = System.nanoTime();
        nodes.get(runner).killProxy();
        List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
        survivors.remove(Integer.valueOf(runner));

        long before = load.totalAcknowledged();
        load.awaitAcknowledged(before + 100, Duration.ofMinutes(3));
        int successor = theOnlyNodeDelivering(nodes, survivors);
        System.out.println("EventLogSubscriptionFailoverTest: the subscription ran on node " + runner
            + "; after its SIGKILL it ran on node " + successor + " (seen delivering within "
            + Duration.ofNanos(System.nanoTime() - killedAt).toSeconds() + " s of the kill)");
        load.stop();

        // Every product a cart holds (acknowledged, or in doubt and stored) reaches the read model.
        CartCalls reader = balancer.of(successor);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (String cart : load.carts()) {
          Map<String, Integer> lines = reader.get(cart);
          load.assertCart(cart, lines);
          for (String product : lines.keySet()) {
            while (!reader.cartsHolding(product).contains(cart)) {
              assertTrue(System.nanoTime() < deadline, "the read model never showed " + product + " in " + cart);
              Thread.sleep(200);
            }
            assertEquals(1, reader.cartsHolding(product).size(), product + " was added to one cart only");
          }
        }
      }
    } finally {
      clientSystem.terminate();
    }
  }

  /**
   * The node among {@code candidates} whose subscription delivers events, found by watching the
   * nodes' delivery counts over a few windows: in a window where any node delivers, exactly one
   * does. Waits (failover included) until one does.
   */
  private static int theOnlyNodeDelivering(List<ClusterNode> nodes, List<Integer> candidates)
      throws InterruptedException {
    long giveUpAt = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    int found = -1;
    int windowsSeen = 0;
    double[] last = counts(nodes, candidates);
    while (windowsSeen < 3) {
      assertTrue(System.nanoTime() < giveUpAt, "no node delivered events for the subscription");
      Thread.sleep(WINDOW.toMillis());
      double[] now = counts(nodes, candidates);
      List<Integer> delivering = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        if (now[i] > last[i]) {
          delivering.add(candidates.get(i));
        }
      }
      last = now;
      if (delivering.isEmpty()) {
        continue;
      }
      assertEquals(1, delivering.size(), "nodes delivering in one window: " + delivering);
      assertTrue(found < 0 || found == delivering.get(0), "the subscription moved from node " + found + " to node "
          + delivering.get(0) + " while all nodes were up");
      found = delivering.get(0);
      windowsSeen++;
    }
    return found;
  }

  private static double[] counts(List<ClusterNode> nodes, List<Integer> candidates) {
    double[] counts = new double[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      counts[i] = Exposition.sum(nodes.get(candidates.get(i)).metrics(), DELIVERED, SUBSCRIPTION, "outcome=\"delivered\"");
    }
    return counts;
  }
}
