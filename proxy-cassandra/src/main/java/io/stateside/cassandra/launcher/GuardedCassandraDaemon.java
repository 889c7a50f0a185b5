package io.stateside.cassandra.launcher;

import io.stateside.launcher.OrphanGuard;

/**
 * Main class of the Cassandra JVM: starts {@code org.apache.cassandra.service.CassandraDaemon}. A
 * throwaway node is halted, its directory deleted, as soon as the JVM that launched it is gone
 * ({@link OrphanGuard}).
 */
public final class GuardedCassandraDaemon {

  private static final String CASSANDRA_DAEMON = "org.apache.cassandra.service.CassandraDaemon";

  private GuardedCassandraDaemon() {}

  public static void main(String[] args) throws Throwable {
    OrphanGuard.watchLauncher("Cassandra");
    // Cassandra is not on the launcher's compile classpath; this lookup runs once per JVM.
    Class.forName(CASSANDRA_DAEMON).getMethod("main", String[].class).invoke(null, (Object) args);
  }
}
