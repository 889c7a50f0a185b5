package io.stateside.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import io.stateside.cluster.testing.CartCalls;
import io.stateside.cluster.testing.ClusterNode;
import io.stateside.cluster.testing.Exposition;
import io.stateside.cluster.testing.LocalCluster;
import io.stateside.cluster.testing.PrometheusServer;
import io.stateside.proxy.jdbc.testing.JdbcProxyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, point 5: a real Prometheus server (Debian's package; .ci/run installs it) scrapes a
 * node's /metrics, and a query for the calls counter returns the number of calls made. The
 * exposition carries every documented metric family.
 */
class PrometheusScrapeTest {

  private static final String ADD = "{method=\"AddItem\",status=\"OK\"}";

  @Test
  void prometheusScrapesTheCallsCounterAndEveryMetricFamilyIsExposed() throws Exception {
    Path binary = PrometheusServer.binary().orElseThrow(() -> new AssertionError(
        "no prometheus binary on the PATH: apt-get install prometheus (or set PROMETHEUS_BIN)"));
    ActorSystem clientSystem = JdbcProxyHarness.testSideSystem("cluster-client");
    try (LocalCluster cluster = LocalCluster.withPostgres()) {
      ClusterNode node = cluster.createNodes(1).get(0);
      cluster.startAll();
      try (PrometheusServer prometheus = PrometheusServer.start(binary, List.of("127.0.0.1:" + node.ports().metrics()));
           CartCalls calls = new CartCalls(node.ports().http(), clientSystem, Duration.ofSeconds(15))) {
        int adds = 37;
        for (int i = 0; i < adds; i++) {
          calls.add("prometheus-cart-" + (i % 5), "product-" + i);
        }
        for (int i = 0; i < 5; i++) {
          calls.get("prometheus-cart-" + i);
        }

        String exposition = node.metrics();
        assertEquals(adds, Exposition.sum(exposition, "stateside_calls_total", "method=\"AddItem\"", "status=\"OK\""));
        for (String family : List.of("stateside_calls_total", "stateside_call_duration_seconds_bucket",
            "stateside_entities_active", "stateside_entity_activations_total", "stateside_entity_passivations_total",
            "stateside_entity_recovery_duration_seconds_count", "stateside_entity_recovery_events_total",
            "stateside_journal_write_duration_seconds_bucket", "stateside_journal_write_events_bucket",
            "stateside_user_function_stream_failures_total", "stateside_entity_restarts_total",
            "stateside_cluster_members", "stateside_cluster_unreachable_members",
            "jvm_memory_used_bytes", "jvm_threads_current")) {
          assertTrue(Exposition.has(exposition, family), family + " is not exposed:\n" + exposition);
        }
        assertEquals(5.0, Exposition.sum(exposition, "stateside_entities_active"));

        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Optional<Double> scraped = Optional.empty();
        while (System.nanoTime() < deadline) {
          scraped = prometheus.query("sum(stateside_calls_total" + ADD + ")");
          if (scraped.isPresent() && scraped.get() == adds) {
            break;
          }
          Thread.sleep(500);
        }
        assertEquals(Optional.of((double) adds), scraped, "what Prometheus scraped of the calls counter");
        assertEquals(Optional.of(1.0), prometheus.query("sum(stateside_cluster_members{status=\"up\"})"));
        assertEquals(Optional.of(5.0),
            prometheus.query("sum(stateside_call_duration_seconds_count{method=\"GetCart\"})"));
      }
    } finally {
      clientSystem.terminate();
    }
  }
}
