package io.stateside.proxy.jdbc.testing;

import io.stateside.proxy.jdbc.DatabaseConnection;
import io.stateside.proxy.jdbc.JdbcConfig;
import io.stateside.proxy.jdbc.JdbcStoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads akka-persistence-jdbc's tables directly, to see what the proxy stored. */
public final class JournalTables {

  private final DatabaseConnection connection;

  public JournalTables(TestDatabase database) {
    this.connection = JdbcStoreSettings.from(JdbcConfig.load(database.proxyConfig())).connection();
  }

  /** The sequence number of the latest snapshot of the persistence id, 0 if none. */
  public long latestSnapshot(String persistenceId) {
    return single("SELECT COALESCE(MAX(\"sequence_number\"), 0) FROM \"snapshot\" WHERE \"persistence_id\" = ?", persistenceId);
  }

  public long events(String persistenceId) {
    return single("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?", persistenceId);
  }

  private long single(String sql, String persistenceId) {
    try (Connection jdbc = DriverManager.getConnection(connection.url(), connection.user(), connection.password());
         PreparedStatement statement = jdbc.prepareStatement(sql)) {
      statement.setString(1, persistenceId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the journal tables of " + connection, e);
    }
  }
}
