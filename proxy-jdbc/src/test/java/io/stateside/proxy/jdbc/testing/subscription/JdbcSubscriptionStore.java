package io.stateside.proxy.jdbc.testing.subscription;

import akka.persistence.query.Offset;
import akka.projection.ProjectionId;
import com.typesafe.config.Config;
import io.stateside.proxy.jdbc.DatabaseConnection;
import io.stateside.proxy.jdbc.JdbcConfig;
import io.stateside.proxy.jdbc.JdbcStore;
import io.stateside.proxy.jdbc.JdbcStoreSettings;
import io.stateside.proxy.jdbc.testing.ProxyProcess;
import io.stateside.proxy.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/** The JDBC proxy's database (H2 or PostgreSQL) for the subscription crash scenario. */
public final class JdbcSubscriptionStore implements SubscriptionStore {

  private final TestDatabase database;

  public JdbcSubscriptionStore(TestDatabase database) {
    this.database = database;
  }

  @Override
  public String name() {
    return database.name();
  }

  @Override
  public ProxyProcess startProxy(int userFunctionPort) {
    return ProxyProcess.start(database, userFunctionPort);
  }

  @Override
  public Set<String> eventsAfterCommittedOffset(ProjectionId subscription, String tag) {
    Config config = JdbcConfig.load(database.proxyConfig());
    Offset offset = committedOffset(JdbcStoreSettings.from(config).connection(), subscription);
    return TaggedEvents.withLocalSystem(config, system -> TaggedEvents.after(system, tag, offset));
  }

  /** The offset akka-projection-jdbc saved: a sequence number, the {@code ordering} of an event. */
  public static Optional<Offset> savedOffset(Config config, ProjectionId subscription) {
    Offset offset = committedOffset(JdbcStoreSettings.from(config).connection(), subscription);
    return offset.equals(Offset.noOffset()) ? Optional.empty() : Optional.of(offset);
  }

  private static Offset committedOffset(DatabaseConnection connection, ProjectionId subscription) {
    String quote = connection.store() == JdbcStore.H2 ? "\"" : "";
    String sql = String.format("SELECT %1$scurrent_offset%1$s, %1$smanifest%1$s FROM %1$sakka_projection_offset_store%1$s"
        + " WHERE %1$sprojection_name%1$s = ? AND %1$sprojection_key%1$s = ?", quote);
    try (Connection jdbc = DriverManager.getConnection(connection.url(), connection.user(), connection.password());
         PreparedStatement statement = jdbc.prepareStatement(sql)) {
      statement.setString(1, subscription.name());
      statement.setString(2, subscription.key());
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Offset.noOffset();
        }
        if (!row.getString(2).equals("SEQ")) {
          throw new IllegalStateException("Not a sequence offset: " + row.getString(2) + " " + row.getString(1));
        }
        return Offset.sequence(Long.parseLong(row.getString(1)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the offset of " + subscription, e);
    }
  }
}
