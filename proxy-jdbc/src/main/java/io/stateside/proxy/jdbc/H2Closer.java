package io.stateside.proxy.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an H2 database that lives in the proxy's own process, once the proxy has stopped. Its
 * URL keeps H2 from closing it in a JVM shutdown hook (DB_CLOSE_ON_EXIT=FALSE), which would
 * otherwise run while calls are still draining.
 */
final class H2Closer {

  private static final Logger log = LoggerFactory.getLogger(H2Closer.class);

  private H2Closer() {
  }

  static void closeIfEmbedded(DatabaseConnection database) {
    if (database.store() != JdbcStore.H2 || isServer(database.url())) {
      return;
    }
    try (Connection jdbc = DriverManager.getConnection(database.url(), database.user(), database.password());
         Statement statement = jdbc.createStatement()) {
      statement.execute("SHUTDOWN");
      log.info("Closed the H2 database");
    } catch (SQLException e) {
      log.warn("Could not close the H2 database cleanly: {}", e.getMessage());
    }
  }

  private static boolean isServer(String url) {
    return url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:");
  }
}
