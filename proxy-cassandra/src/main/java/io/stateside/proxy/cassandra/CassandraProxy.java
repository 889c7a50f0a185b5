package io.stateside.proxy.cassandra;

import io.stateside.proxy.StatesideProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a Stateside proxy node that keeps its journal in Cassandra, until the JVM is stopped. */
public final class CassandraProxy {

  private static final Logger log = LoggerFactory.getLogger(CassandraProxy.class);

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
    proxy.system().getWhenTerminated().toCompletableFuture().join();
    System.exit(0);
  }
}
