package io.stateside.proxy.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcConfigTest {

  private static final String SHARED_DB = "akka-persistence-jdbc.shared-databases.stateside";

  @Test
  void defaultsToAnH2FileUnderTheWorkingDirectory() {
    Config config = JdbcConfig.load(ConfigFactory.empty());
    String expectedFile = Path.of("data/stateside-h2/stateside").toAbsolutePath().normalize().toString();

    assertEquals("jdbc-journal", config.getString("akka.persistence.journal.plugin"));
    assertEquals("jdbc-snapshot-store", config.getString("akka.persistence.snapshot-store.plugin"));
    assertEquals("stateside", config.getString("jdbc-read-journal.use-shared-db"));
    assertEquals("slick.jdbc.H2Profile$", config.getString(SHARED_DB + ".profile"));
    assertEquals("org.h2.Driver", config.getString(SHARED_DB + ".db.driver"));
    assertEquals("jdbc:h2:file:" + expectedFile + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", config.getString(SHARED_DB + ".db.url"));
    assertTrue(JdbcStoreSettings.from(config).createSchema());
  }

  @Test
  void subscriptionOffsetsUseTheStoresDialectAndAThreadPerPooledConnection() {
    Config h2 = JdbcConfig.load(ConfigFactory.parseMap(Map.of("stateside.jdbc.pool-size", 7)));
    Config postgres = JdbcConfig.load(ConfigFactory.parseMap(Map.of("stateside.jdbc.store", "postgres")));

    assertEquals("io.stateside.proxy.jdbc.projection.JdbcProjectionStore",
        h2.getString("stateside.proxy.eventing.projection-store"));
    assertEquals("h2-dialect", h2.getString("akka.projection.jdbc.dialect"));
    assertEquals("postgres-dialect", postgres.getString("akka.projection.jdbc.dialect"));
    assertEquals(7, h2.getInt("akka.projection.jdbc.blocking-jdbc-dispatcher.thread-pool-executor.fixed-pool-size"));
    assertEquals(7, h2.getInt(SHARED_DB + ".db.maxConnections"));
  }

  @Test
  void relativeH2DataDirectoriesBecomeAbsolute() {
    Config config = JdbcConfig.load(ConfigFactory.parseMap(Map.of("stateside.jdbc.h2.data-dir", "state")));

    assertEquals("jdbc:h2:file:" + Path.of("state").toAbsolutePath().resolve("stateside") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
        JdbcStoreSettings.from(config).connection().url());
  }

  @Test
  void postgresIsBuiltFromItsSettingsAndDoesNotCreateTheSchemaUnlessAsked() {
    Config config = JdbcConfig.load(ConfigFactory.parseMap(Map.of(
        "stateside.jdbc.store", "postgres",
        "stateside.jdbc.postgres.host", "db.internal",
        "stateside.jdbc.postgres.port", 6432,
        "stateside.jdbc.postgres.database", "events",
        "stateside.jdbc.postgres.user", "proxy",
        "stateside.jdbc.postgres.password", "secret")));
    JdbcStoreSettings settings = JdbcStoreSettings.from(config);

    assertEquals("slick.jdbc.PostgresProfile$", config.getString(SHARED_DB + ".profile"));
    assertEquals("jdbc:postgresql://db.internal:6432/events", config.getString(SHARED_DB + ".db.url"));
    assertEquals("proxy", config.getString(SHARED_DB + ".db.user"));
    assertEquals("secret", config.getString(SHARED_DB + ".db.password"));
    assertFalse(settings.createSchema());
    assertFalse(settings.connection().toString().contains("secret"));
  }

  @Test
  void poolSettingsFollowTheStoreSettingsAndCanBeTunedDirectly() {
    Config config = JdbcConfig.load(ConfigFactory.parseMap(Map.of(
        "stateside.jdbc.pool-size", 4,
        SHARED_DB + ".db.idleTimeout", "1m")));

    assertEquals(4, config.getInt(SHARED_DB + ".db.maxConnections"));
    assertEquals(4, config.getInt(SHARED_DB + ".db.numThreads"));
    assertEquals("1m", config.getString(SHARED_DB + ".db.idleTimeout"));
  }

  @Test
  void theJournalGroupsConcurrentWritesWithRoomForManyEntities() {
    Config config = JdbcConfig.load(ConfigFactory.parseMap(Map.of("stateside.jdbc.journal.parallelism", 2)));

    assertEquals(10_000, config.getInt("jdbc-journal.bufferSize"));
    assertEquals(400, config.getInt("jdbc-journal.batchSize"));
    assertEquals(2, config.getInt("jdbc-journal.parallelism"));
  }

  @Test
  void anUnknownStoreIsRefusedWithTheChoices() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> JdbcConfig.load(ConfigFactory.parseMap(Map.of("stateside.jdbc.store", "mysql"))));

    assertTrue(error.getMessage().contains("h2, postgres"), error.getMessage());
  }

  @Test
  void schemaScriptsSplitIntoStatementsForEveryTable() {
    for (JdbcStore store : JdbcStore.values()) {
      List<String> statements = SchemaCreator.statements(store.schemaResource());
      String all = String.join("\n", statements).toLowerCase();
      for (String table : List.of("event_journal", "event_tag", "snapshot", "durable_state")) {
        assertTrue(all.contains(table), store + " creates " + table);
      }
      statements.forEach(sql -> assertFalse(sql.startsWith("--"), sql));
    }
  }
}
