package io.stateside.proxy.cassandra;

import com.typesafe.config.Config;
import java.util.List;

/**
 * The tables in which event-log subscriptions keep their offsets: akka-projection-cassandra 1.2's
 * offset and management tables, by default in the journal's keyspace. Both the proxy (when it
 * creates its schema) and {@link CassandraSchema} (for a schema created by hand) use these.
 */
final class OffsetTables {

  private static final String OFFSET_STORE = "akka.projection.cassandra.offset-store";

  private OffsetTables() {}

  /** The keyspace-qualified names of the offset table and of the management table. */
  static List<String> names(Config config) {
    String keyspace = config.getString(OFFSET_STORE + ".keyspace");
    return List.of(keyspace + "." + config.getString(OFFSET_STORE + ".table"),
        keyspace + "." + config.getString(OFFSET_STORE + ".management-table"));
  }

  /** The CQL that creates both tables if they are missing (their keyspace must exist). */
  static List<String> createStatements(Config config) {
    List<String> tables = names(config);
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + tables.get(0) + " (\n"
            + "  projection_name text,\n"
            + "  partition int,\n"
            + "  projection_key text,\n"
            + "  offset text,\n"
            + "  manifest text,\n"
            + "  last_updated timestamp,\n"
            + "  PRIMARY KEY ((projection_name, partition), projection_key))",
        "CREATE TABLE IF NOT EXISTS " + tables.get(1) + " (\n"
            + "  projection_name text,\n"
            + "  partition int,\n"
            + "  projection_key text,\n"
            + "  paused boolean,\n"
            + "  last_updated timestamp,\n"
            + "  PRIMARY KEY ((projection_name, partition), projection_key))");
  }
}
