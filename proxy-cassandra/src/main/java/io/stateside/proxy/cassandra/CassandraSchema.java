package io.stateside.proxy.cassandra;

import akka.actor.ActorSystem;
import akka.persistence.cassandra.KeyspaceAndTableStatements;
import akka.persistence.cassandra.PluginSettings;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CQL that creates the proxy's keyspace and tables, as akka-persistence-cassandra would create
 * them with the same configuration (keyspace names, replication, events by tag), and the tables
 * of event-log subscriptions' offsets. For production, where the schema is created by hand:
 * {@code main} prints it.
 */
public final class CassandraSchema {

  private static final String PLUGIN_PATH = "akka.persistence.cassandra";
  private static final Duration TERMINATION_TIMEOUT = Duration.ofSeconds(10);

  private CassandraSchema() {}

  public static void main(String[] args) {
    for (String statement : statements(CassandraStoreConfig.load())) {
      System.out.println(terminated(statement));
      System.out.println();
    }
  }

  /** Keyspaces first, then tables; each statement without its trailing semicolon. */
  public static List<String> statements(Config config) {
    // A local, quiet actor system: the statements need the plugin's settings, not a cluster.
    ActorSystem system = ActorSystem.create("stateside-schema", ConfigFactory.parseMap(Map.of(
            "akka.actor.provider", "local",
            "akka.loglevel", "WARNING",
            "akka.stdout-loglevel", "OFF"))
        .withFallback(config));
    try {
      KeyspaceAndTableStatements cql = new KeyspaceAndTableStatements(system, PLUGIN_PATH, PluginSettings.apply(system));
      List<String> statements = new ArrayList<>();
      statements.add(cql.createJournalKeyspaceStatement());
      Config plugin = system.settings().config().getConfig(PLUGIN_PATH);
      if (!plugin.getString("snapshot.keyspace").equals(plugin.getString("journal.keyspace"))) {
        statements.add(cql.createSnapshotKeyspaceStatement());
      }
      statements.addAll(cql.getCreateJournalTablesStatements());
      statements.addAll(cql.getCreateSnapshotTablesStatements());
      statements.addAll(OffsetTables.createStatements(system.settings().config()));
      return statements.stream().map(CassandraSchema::withoutSemicolon).toList();
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(TERMINATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // printing the schema does not depend on a clean shutdown
      }
    }
  }

  private static String withoutSemicolon(String statement) {
    String trimmed = statement.strip();
    return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
  }

  private static String terminated(String statement) {
    return statement + ";";
  }
}
