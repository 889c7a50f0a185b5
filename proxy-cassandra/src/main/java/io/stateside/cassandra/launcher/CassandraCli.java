package io.stateside.cassandra.launcher;

import io.stateside.launcher.LocalServerCli;
import io.stateside.launcher.PortsFile;
import java.time.Duration;
import java.util.List;

/**
 * {@code start | stop | status} of a Cassandra for local use, kept in a directory that survives
 * restarts. The node runs detached: this JVM exits once the node is ready. Behind {@code bin/cassandra}.
 */
public final class CassandraCli {

  private static final LocalServerCli.Spec SPEC = new LocalServerCli.Spec("cassandra", "Cassandra", "CQL",
      CassandraSettings.LOOPBACK, 9042, new PortsFile("stateside-node.properties", "native_port", "storage_port"),
      Duration.ofSeconds(60));

  private CassandraCli() {}

  public static void main(String[] args) throws Exception {
    LocalServerCli.run(SPEC, (directory, nativePort, storagePort) -> {
      CassandraNode node = CassandraNode.create(CassandraSettings.forLocalUse(directory, nativePort, storagePort));
      node.start();
      return new LocalServerCli.Started(node.pid().orElseThrow(), node.contactPoint(), node.logFile(), List.of());
    }, args);
  }
}
