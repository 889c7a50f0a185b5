package io.stateside.proxy.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates akka-persistence-jdbc's tables when they are missing, before the actor system starts.
 * The DDL is idempotent, so it runs on every start; it waits for a database that is still coming
 * up (a container started beside the proxy, say) for up to the given timeout.
 */
public final class SchemaCreator {

  private static final Logger log = LoggerFactory.getLogger(SchemaCreator.class);
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private SchemaCreator() {
  }

  public static void createSchema(DatabaseConnection connection, Duration timeout) {
    List<String> statements = statements(connection.store().schemaResource());
    Instant giveUp = Instant.now().plus(timeout);
    while (true) {
      try {
        execute(connection, statements);
        log.info("Journal schema is in place in {}", connection);
        return;
      } catch (SQLException e) {
        if (Instant.now().isAfter(giveUp)) {
          throw new IllegalStateException("Could not create the journal schema in " + connection, e);
        }
        log.warn("Database not ready for schema creation ({}); retrying", e.getMessage());
        pause();
      }
    }
  }

  private static void execute(DatabaseConnection connection, List<String> statements) throws SQLException {
    try (Connection jdbc = DriverManager.getConnection(connection.url(), connection.user(), connection.password())) {
      jdbc.setAutoCommit(false);
      try (Statement statement = jdbc.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
        jdbc.commit();
      } catch (SQLException e) {
        jdbc.rollback();
        throw e;
      }
    }
  }

  /** The script's statements: comment lines dropped, split at semicolons (the DDL has none inside). */
  static List<String> statements(String resource) {
    try (InputStream in = SchemaCreator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing schema resource " + resource);
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String withoutComments = script.lines()
          .filter(line -> !line.trim().startsWith("--"))
          .collect(Collectors.joining("\n"));
      return Arrays.stream(withoutComments.split(";"))
          .map(String::trim)
          .filter(sql -> !sql.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the database", e);
    }
  }
}
