package io.stateside.proxy.cassandra;

import io.stateside.proxy.StatesideProxy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a Stateside proxy node that keeps its journal in Cassandra, until the JVM is stopped. */
public final class CassandraProxy {

  private static final Logger log = LoggerFactory.getLogger(CassandraProxy.class);

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  private CassandraProxy() {}

  public static void main(String[] args) {
    StatesideProxy proxy;
    try {
      proxy = StatesideProxy.start(CassandraStoreConfig.load()).toCompletableFuture().join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.error("Stateside on Cassandra could not start: {}", cause.getMessage(), cause);
      System.exit(1);
      return;
    }
    reportStore(proxy);
    proxy.stopOnSigterm();
    proxy.system().getWhenTerminated().toCompletableFuture().join();
    System.exit(0);
  }

  /** Says in the log whether Cassandra answers, so a store that cannot be reached shows at start. */
  private static void reportStore(StatesideProxy proxy) {
    String keyspace = proxy.system().settings().config().getString("akka.persistence.cassandra.journal.keyspace");
    StoreProbe.probe(proxy.system(), PROBE_TIMEOUT).whenComplete((done, error) -> {
      if (error == null) {
        log.info("Cassandra store ready (keyspace '{}')", keyspace);
      } else {
        log.warn("Cassandra store not ready yet (keyspace '{}'): {}", keyspace, error.toString());
      }
    });
  }
}
